-- Stance observations with holder and target resolved against the current dictionary, and dated:
-- held_at is the date the text gives, else the publication date; background positions have no date.
with stances as (
    select * from {{ ref('stg_landing__stance_observations') }}
),

articles as (
    select article_id, published_at from {{ ref('stg_landing__articles') }}
),

aliases as (
    select * from {{ ref('int_actor_aliases_keyed') }}
),

topics as (
    select topic_id, name from {{ ref('stg_seeds__topics') }}
)

select
    md5(stances.article_id || ':' || stances.stance_index)[:16] as stance_id,
    stances.article_id,
    stances.stance_index,
    stances.sentence_index,
    articles.published_at,
    case
        when stances.is_background then null
        else coalesce(stances.held_at, cast(articles.published_at as date))
    end as held_at,
    stances.is_background,
    case
        when stances.holder_level = 'state' then stances.extracted_holder_actor_id
        else coalesce(holder_alias.actor_id, stances.extracted_holder_actor_id)
    end as holder_actor_id,
    stances.holder_text,
    stances.holder_level,
    stances.via_actor_id,
    case
        when stances.target_type = 'actor'
            then coalesce(target_alias.actor_id, stances.extracted_target_actor_id)
        else stances.topic_id
    end as target_id,
    stances.target_type,
    coalesce(topics.name, stances.target_text) as target_text,
    stances.polarity,
    stances.confidence,
    stances.sentence_count,
    stances.cue,
    stances.is_negated,
    stances.evidence_text,
    stances.start_char,
    stances.end_char
from stances
inner join articles on stances.article_id = articles.article_id
left join aliases as holder_alias on stances.holder_alias_key = holder_alias.alias_key
left join aliases as target_alias on stances.target_alias_key = target_alias.alias_key
left join topics on stances.topic_id = topics.topic_id
