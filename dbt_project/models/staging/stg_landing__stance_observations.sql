with source as (
    select * from {{ source('landing', 'stance_observations') }}
),

renamed as (
    select
        article_id,
        stance_index,
        sentence_index,
        holder_text,
        holder_actor_id as extracted_holder_actor_id,
        holder_alias_key,
        holder_level,
        via_actor_id,
        target_text,
        target_type,
        target_actor_id as extracted_target_actor_id,
        target_alias_key,
        topic_id,
        polarity,
        confidence,
        sentence_count,
        cue,
        is_negated,
        held_at,
        is_background,
        evidence_text,
        start_char,
        end_char
    from source
)

select * from renamed
