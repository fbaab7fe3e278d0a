-- Every actor: the dictionary's (mentioned or not, so that facts can always join) and the ones discovered in text.
with dictionary as (
    select actor_id, name, actor_type, country_code, role, true as is_in_dictionary
    from {{ ref('stg_seeds__actors') }}
),

discovered as (
    select
        actor_id, name, actor_type, null::varchar as country_code, null::varchar as role,
        false as is_in_dictionary
    from {{ ref('int_actors_discovered') }}
),

actors as (
    select * from dictionary
    union all
    select * from discovered
),

mentions as (
    select mentions.actor_id, mentions.article_id, articles.published_at
    from {{ ref('int_mentions_resolved') }} as mentions
    inner join {{ ref('stg_landing__articles') }} as articles on mentions.article_id = articles.article_id
),

coverage as (
    select
        actor_id,
        count(*) as mention_count,
        count(distinct article_id) as article_count,
        min(published_at) as first_seen_at,
        max(published_at) as last_seen_at
    from mentions
    group by actor_id
)

select
    actors.actor_id,
    actors.name,
    actors.actor_type,
    actors.country_code,
    actors.role,
    actors.is_in_dictionary,
    coalesce(coverage.mention_count, 0) as mention_count,
    coalesce(coverage.article_count, 0) as article_count,
    coverage.first_seen_at,
    coverage.last_seen_at
from actors
left join coverage on actors.actor_id = coverage.actor_id
