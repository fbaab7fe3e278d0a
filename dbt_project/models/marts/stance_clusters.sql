-- A stance counted once per cluster of duplicate articles: one row per (cluster, holder, level, target, polarity),
-- with the sentences, articles and independent outlets that carry it. The representative stance comes from the
-- cluster's first article when that copy has it.
with stances as (
    select * from {{ ref('fct_stances') }}
),

clusters as (
    select article_id, outlet_key from {{ ref('int_articles_clustered') }}
),

keyed as (
    select
        stances.*,
        clusters.outlet_key,
        md5(
            stances.cluster_id || '|' || stances.holder_actor_id || '|' || stances.holder_level
            || '|' || stances.target_type || '|' || stances.target_id || '|' || stances.polarity
        )[:16] as stance_cluster_id
    from stances
    inner join clusters on stances.article_id = clusters.article_id
)

select
    stance_cluster_id,
    cluster_id,
    holder_actor_id,
    holder_level,
    target_id,
    target_type,
    polarity,
    {{ cluster_representative('target_name', 'stance_id') }} as target_name,
    {{ cluster_representative('stance_id', 'stance_id') }} as stance_id,
    {{ cluster_representative('article_id', 'stance_id') }} as article_id,
    {{ cluster_representative('cue', 'stance_id') }} as cue,
    {{ cluster_representative('evidence_text', 'stance_id') }} as evidence_text,
    min(held_at) as held_at,
    count(*) as sentence_count,
    count(distinct article_id) as article_count,
    count(distinct outlet_key) as outlet_count,
    min(published_at) as first_published_at,
    max(published_at) as last_published_at
from keyed
group by stance_cluster_id, cluster_id, holder_actor_id, holder_level, target_id, target_type, polarity
