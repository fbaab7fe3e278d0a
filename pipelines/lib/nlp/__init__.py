"""spaCy-based extraction of actor mentions, claims and stance observations, with offsets into article text."""
