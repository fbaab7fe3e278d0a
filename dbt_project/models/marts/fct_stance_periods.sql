-- The stance timeline: per holder, target and period (var stance_period, month by default) the net position and
-- its evidence. Syndicated copies (one duplicate cluster) are one vote per period: the cluster's earliest article
-- in that period; every copy still counts in article_count. A state's position derived from its officials is the
-- state's (via_actor_ids says through whom) and counts once per article.
with votes as (
    select * from {{ ref('int_stances_aggregated_to_votes') }}
)

select
    md5(holder_actor_id || ':' || target_type || ':' || target_id || ':' || cast(period_start as varchar))[:16]
        as stance_period_id,
    holder_actor_id,
    target_id,
    target_type,
    period_start,
    cast(sign(
        count(*) filter (where is_independent and polarity = 1)
        - count(*) filter (where is_independent and polarity = -1)
    ) as integer) as net_polarity,
    count(*) filter (where is_independent and polarity = 1) as support_count,
    count(*) filter (where is_independent and polarity = -1) as oppose_count,
    count(distinct article_id) as article_count,
    count(distinct outlet_key) filter (where is_independent) as outlet_count,
    round(avg(cast(confidence as decimal(18, 6))) filter (where is_independent), 4) as mean_confidence,
    list_sort(list_distinct(flatten(list(via_actor_ids) filter (where is_independent)))) as via_actor_ids,
    bool_and(is_derived) filter (where is_independent) as is_derived,
    list(stance_id order by held_at, article_id) filter (where is_independent) as stance_ids,
    min(held_at) filter (where is_independent) as first_held_at,
    max(held_at) filter (where is_independent) as last_held_at
from votes
group by holder_actor_id, target_id, target_type, period_start
