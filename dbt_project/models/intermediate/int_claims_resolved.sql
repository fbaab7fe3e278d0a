with claims as (
    select * from {{ ref('stg_landing__claims') }}
),

aliases as (
    select * from {{ ref('int_actor_aliases_keyed') }}
)

select
    md5(claims.article_id || ':' || claims.claim_index)[:16] as claim_id,
    claims.article_id,
    claims.claim_index,
    claims.sentence_index,
    coalesce(aliases.actor_id, claims.extracted_speaker_actor_id) as speaker_actor_id,
    claims.speaker_text,
    claims.cue,
    claims.cue_text,
    claims.claim_text,
    claims.attribution,
    claims.is_hedged,
    claims.is_negated,
    case
        when claims.about_claim_index is not null
            then md5(claims.article_id || ':' || claims.about_claim_index)[:16]
    end as about_claim_id,
    claims.about_relation,
    claims.evidence_text,
    claims.start_char,
    claims.end_char
from claims
left join aliases on claims.speaker_alias_key = aliases.alias_key
