-- The stance timeline: per holder, target and period (var stance_period, month by default) the net position and
-- its evidence. Syndicated copies (one duplicate cluster) are one vote per period: the cluster's earliest article
-- in that period; every copy still counts in article_count. A state's position derived from its officials is the
-- state's (via_actor_ids says through whom) and counts once per article.
with votes as (
    select * from {{ ref('int_stance_votes') }}
),

independent as (
    select * from votes where is_independent
),

copies as (
    select holder_actor_id, target_id, target_type, period_start, count(distinct article_id) as article_count
    from votes
    group by all
)

select
    md5(independent.holder_actor_id || ':' || independent.target_type || ':' || independent.target_id || ':'
        || cast(independent.period_start as varchar))[:16] as stance_period_id,
    independent.holder_actor_id,
    independent.target_id,
    independent.target_type,
    independent.period_start,
    cast(sign(count(*) filter (where independent.polarity = 1)
              - count(*) filter (where independent.polarity = -1)) as integer) as net_polarity,
    count(*) filter (where independent.polarity = 1) as support_count,
    count(*) filter (where independent.polarity = -1) as oppose_count,
    any_value(copies.article_count) as article_count,
    count(distinct independent.outlet_key) as outlet_count,
    round(avg(independent.confidence), 4) as mean_confidence,
    list_sort(list_distinct(flatten(list(independent.via_actor_ids)))) as via_actor_ids,
    bool_and(independent.is_derived) as is_derived,
    list(independent.stance_id order by independent.held_at, independent.article_id) as stance_ids,
    min(independent.held_at) as first_held_at,
    max(independent.held_at) as last_held_at
from independent
inner join copies
    on independent.holder_actor_id = copies.holder_actor_id
    and independent.target_id = copies.target_id
    and independent.target_type = copies.target_type
    and independent.period_start = copies.period_start
group by independent.holder_actor_id, independent.target_id, independent.target_type, independent.period_start
