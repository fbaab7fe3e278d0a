select
    articles.article_id,
    articles.url,
    articles.title,
    articles.source_domain,
    articles.published_at,
    articles.language,
    articles.word_count,
    articles.text,
    articles.outlet as source,
    articles.authors,
    articles.quality_flags,
    articles.document_id,
    articles.text_hash,
    articles.extractor,
    articles.cleaned_at,
    -- syndication dedup (int_articles_clustered): the cluster of copies of one story the article belongs to
    clusters.cluster_id,
    clusters.duplicate_of,
    clusters.duplicate_method,
    clusters.cluster_size,
    clusters.outlet_count
from {{ ref('stg_landing__articles') }} as articles
left join {{ ref('int_articles_clustered') }} as clusters on articles.article_id = clusters.article_id
