-- One row per (holder, target, article, date): the article's net position, aggregated from its sentences (a
-- stance row stands for sentence_count sentences of its article).
-- An article whose sentences cancel out (net 0) states no position. Background and undated stances are left out:
-- they never take part in stance changes. Both levels count: a minister's stance is also the state's (holder_level).
-- A story carried by several outlets counts once: only the first article of each duplicate cluster takes part.
with stances as (
    select * from {{ ref('int_stances_resolved') }}
    where held_at is not null
        and article_id not in (
            select article_id from {{ ref('int_article_clusters') }} where duplicate_of is not null
        )
),

netted as (
    select
        holder_actor_id,
        target_id,
        target_type,
        article_id,
        held_at,
        sign(sum(polarity * coalesce(sentence_count, 1))) as polarity
    from stances
    group by all
    having sum(polarity * coalesce(sentence_count, 1)) <> 0
)

select
    netted.holder_actor_id,
    netted.target_id,
    netted.target_type,
    netted.article_id,
    netted.held_at,
    netted.polarity,
    sum(coalesce(stances.sentence_count, 1)) as support,
    min_by(stances.evidence_text, stances.stance_index) as evidence_text
from netted
inner join stances
    on stances.holder_actor_id = netted.holder_actor_id
    and stances.target_id = netted.target_id
    and stances.target_type = netted.target_type
    and stances.article_id = netted.article_id
    and stances.held_at = netted.held_at
    and stances.polarity = netted.polarity
group by all
