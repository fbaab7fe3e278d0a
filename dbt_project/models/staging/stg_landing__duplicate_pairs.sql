with source as (
    select * from {{ source('landing', 'duplicate_pairs') }}
),

renamed as (
    select
        article_id,
        duplicate_article_id,
        method as match_method,
        similarity,
        dedup_version,
        found_at
    from source
)

select * from renamed
