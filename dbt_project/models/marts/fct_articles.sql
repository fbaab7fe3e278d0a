select
    article_id,
    url,
    title,
    source_domain,
    published_at,
    language,
    word_count,
    text,
    outlet as source,
    authors,
    quality_flags,
    document_id,
    text_hash,
    extractor,
    cleaned_at
from {{ ref('stg_landing__articles') }}
