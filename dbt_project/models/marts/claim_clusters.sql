-- A claim counted once per cluster of duplicate articles: the same speaker (actor, else speaker text) making the
-- same claim (same text, case and spacing aside) in copies of one story is one row, with how many articles and
-- how many independent outlets carry it. The representative claim comes from the cluster's first article when
-- that copy has it.
with claims as (
    select * from {{ ref('fct_claims') }}
),

clusters as (
    select article_id, outlet_key from {{ ref('int_articles_clustered') }}
),

keyed as (
    select
        claims.*,
        clusters.outlet_key,
        md5(
            claims.cluster_id
            || '|' || coalesce(claims.speaker_actor_id, 'text:' || lower(trim(claims.speaker_text)), '?')
            || '|' || lower(regexp_replace(trim(claims.claim_text), '\s+', ' ', 'g'))
        )[:16] as claim_cluster_id
    from claims
    inner join clusters on claims.article_id = clusters.article_id
)

select
    claim_cluster_id,
    cluster_id,
    {{ cluster_representative('claim_id', 'claim_id') }} as claim_id,
    {{ cluster_representative('article_id', 'claim_id') }} as article_id,
    {{ cluster_representative('speaker_actor_id', 'claim_id') }} as speaker_actor_id,
    {{ cluster_representative('speaker_text', 'claim_id') }} as speaker_text,
    {{ cluster_representative('cue', 'claim_id') }} as cue,
    {{ cluster_representative('claim_text', 'claim_id') }} as claim_text,
    {{ cluster_representative('attribution', 'claim_id') }} as attribution,
    bool_or(is_hedged) as is_hedged,
    count(*) as claim_count,
    count(distinct article_id) as article_count,
    count(distinct outlet_key) as outlet_count,
    min(published_at) as first_published_at,
    max(published_at) as last_published_at
from keyed
group by claim_cluster_id, cluster_id
