-- One row per (holder, target, article, date the position holds): the article's net position for the pair, with
-- the period it falls in. A state's row derived from its official ("via") and the state's own row in the same
-- article are one vote, never two; the officials it came through are listed. The evidence is the most confident
-- sentence on the net side. Syndicated copies (one duplicate cluster) are one independent vote per period: the
-- cluster's earliest article in it (is_independent). Undated and background stances are left out: they never count
-- in periods or changes.
with stances as (
    select
        *,
        -- the article's net position for the pair on that date (0: its sentences cancel out, no vote)
        sign(sum(polarity * coalesce(sentence_count, 1)) over (
            partition by holder_actor_id, target_id, target_type, article_id, held_at
        )) as net_polarity
    from {{ ref('int_stances_resolved') }}
    where held_at is not null
),

clusters as (
    select article_id, cluster_id from {{ ref('int_articles_clustered') }}
),

articles as (
    select
        article_id,
        coalesce(source_domain, lower(trim(outlet)), 'article:' || article_id) as outlet_key
    from {{ ref('stg_landing__articles') }}
),

grouped as (
    select
        stances.holder_actor_id,
        stances.target_id,
        stances.target_type,
        stances.article_id,
        stances.held_at,
        cast(date_trunc('{{ var("stance_period") }}', stances.held_at) as date) as period_start,
        stances.polarity,
        sum(coalesce(stances.sentence_count, 1)) as sentence_count,
        max(stances.confidence) as confidence,
        arg_max(stances.evidence_text, stances.confidence) as evidence_text,
        arg_max(stances.stance_id, stances.confidence) as stance_id,
        coalesce(
            list(distinct stances.via_actor_id order by stances.via_actor_id)
            filter (where stances.via_actor_id is not null), []::varchar[]
        ) as via_actor_ids,
        bool_and(stances.holder_level = 'state') as is_derived,
        any_value(clusters.cluster_id) as cluster_id,
        any_value(articles.outlet_key) as outlet_key
    from stances
    left join clusters on stances.article_id = clusters.article_id
    left join articles on stances.article_id = articles.article_id
    where stances.polarity = stances.net_polarity
    group by
        stances.holder_actor_id, stances.target_id, stances.target_type, stances.article_id, stances.held_at,
        stances.polarity
)

select
    *,
    row_number() over (
        partition by holder_actor_id, target_id, target_type, period_start, coalesce(cluster_id, article_id)
        order by held_at, article_id
    ) = 1 as is_independent
from grouped
