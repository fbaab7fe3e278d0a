with source as (
    select * from {{ source('landing', 'extractions') }}
),

renamed as (
    select
        article_id,
        text_hash,
        extractor_version,
        mention_count,
        claim_count,
        stance_count,
        error,
        extracted_at
    from source
)

select * from renamed
