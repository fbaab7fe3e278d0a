with source as (
    select * from {{ source('landing', 'mentions') }}
),

renamed as (
    select
        article_id,
        mention_index,
        actor_id as extracted_actor_id,
        actor_name as extracted_actor_name,
        actor_type as extracted_actor_type,
        mention_text,
        canonical_text,
        alias_key,
        ner_label,
        sentence_index,
        start_char,
        end_char
    from source
)

select * from renamed
