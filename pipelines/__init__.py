"""stancewatch: news articles -> actors, claims and stance changes in DuckDB."""
