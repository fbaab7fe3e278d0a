select
    articles.article_id,
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
    cleaned_at,
    -- syndication dedup (int_articles_clustered): the cluster of copies of one story the article belongs to
    clusters.cluster_id,
    clusters.duplicate_of,
    clusters.duplicate_method,
    clusters.cluster_size,
    clusters.outlet_count
from {{ ref('stg_landing__articles') }} as articles
left join {{ ref('int_articles_clustered') }} as clusters on articles.article_id = clusters.article_id
