with source as (
    select * from {{ source('landing', 'articles') }}
),

renamed as (
    select
        article_id,
        document_id,
        url,
        title,
        authors,
        source as outlet,
        source_domain,
        published_at,
        language,
        text,
        word_count,
        text_hash,
        extractor,
        coalesce(quality_flags, []::varchar[]) as quality_flags,
        extra,
        cleaned_at
    from source
)

select * from renamed
