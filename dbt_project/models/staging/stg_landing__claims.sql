with source as (
    select * from {{ source('landing', 'claims') }}
),

renamed as (
    select
        article_id,
        claim_index,
        sentence_index,
        speaker_text,
        speaker_actor_id as extracted_speaker_actor_id,
        speaker_alias_key,
        cue,
        cue_text,
        claim_text,
        attribution,
        is_hedged,
        is_negated,
        about_claim_index,
        about_relation,
        evidence_text,
        start_char,
        end_char
    from source
)

select * from renamed
