-- One row per (holder, target, article, date the position holds): the article's net position for the pair, with
-- the period it falls in. A state's row derived from its official ("via") and the state's own row in the same
-- article are one vote, never two; the officials it came through are listed. The evidence is the most confident
-- sentence on the net side. Syndicated copies (one duplicate cluster) are one independent vote per period: the
-- cluster's earliest article in it (is_independent). Undated and background stances are left out: they never count
-- in periods or changes.
with stances as (
    select * from {{ ref('int_stances_resolved') }}
    where held_at is not null
),

netted as (
    select
        holder_actor_id,
        target_id,
        target_type,
        article_id,
        held_at,
        cast(sign(sum(polarity * coalesce(sentence_count, 1))) as integer) as polarity
    from stances
    group by all
    having sum(polarity * coalesce(sentence_count, 1)) <> 0
),

clusters as (
    select article_id, cluster_id from {{ ref('int_article_clusters') }}
),

articles as (
    select
        article_id,
        coalesce(source_domain, lower(trim(outlet)), 'article:' || article_id) as outlet_key
    from {{ ref('stg_landing__articles') }}
),

grouped as (
    select
        netted.holder_actor_id,
        netted.target_id,
        netted.target_type,
        netted.article_id,
        netted.held_at,
        cast(date_trunc('{{ var("stance_period") }}', netted.held_at) as date) as period_start,
        netted.polarity,
        sum(coalesce(stances.sentence_count, 1)) as sentence_count,
        max(stances.confidence) as confidence,
        arg_max(stances.evidence_text, stances.confidence) as evidence_text,
        arg_max(stances.stance_id, stances.confidence) as stance_id,
        coalesce(list(distinct stances.via_actor_id order by stances.via_actor_id)
            filter (where stances.via_actor_id is not null), []::varchar[]) as via_actor_ids,
        bool_and(stances.holder_level = 'state') as is_derived,
        any_value(clusters.cluster_id) as cluster_id,
        any_value(articles.outlet_key) as outlet_key
    from netted
    inner join stances
        on stances.holder_actor_id = netted.holder_actor_id
        and stances.target_id = netted.target_id
        and stances.target_type = netted.target_type
        and stances.article_id = netted.article_id
        and stances.held_at = netted.held_at
        and stances.polarity = netted.polarity
    left join clusters on netted.article_id = clusters.article_id
    left join articles on netted.article_id = articles.article_id
    group by all
)

select
    *,
    row_number() over (
        partition by holder_actor_id, target_id, target_type, period_start, coalesce(cluster_id, article_id)
        order by held_at, article_id
    ) = 1 as is_independent
from grouped
