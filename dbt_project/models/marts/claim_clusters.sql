-- A claim counted once per cluster of duplicate articles: the same speaker (actor, else speaker text) making the
-- same claim (same text, case and spacing aside) in copies of one story is one row, with how many articles and
-- how many independent outlets carry it. The representative claim comes from the cluster's first article when
-- that copy has it.
with claims as (
    select * from {{ ref('fct_claims') }}
),

clusters as (
    select article_id, outlet_key from {{ ref('int_article_clusters') }}
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
    first(claim_id order by article_id = cluster_id desc, published_at asc nulls last, article_id, start_char)
        as claim_id,
    first(article_id order by article_id = cluster_id desc, published_at asc nulls last, article_id, start_char)
        as article_id,
    first(speaker_actor_id order by article_id = cluster_id desc, published_at asc nulls last, article_id, start_char)
        as speaker_actor_id,
    first(speaker_text order by article_id = cluster_id desc, published_at asc nulls last, article_id, start_char)
        as speaker_text,
    first(cue order by article_id = cluster_id desc, published_at asc nulls last, article_id, start_char) as cue,
    first(claim_text order by article_id = cluster_id desc, published_at asc nulls last, article_id, start_char)
        as claim_text,
    first(attribution order by article_id = cluster_id desc, published_at asc nulls last, article_id, start_char)
        as attribution,
    bool_or(is_hedged) as is_hedged,
    count(*) as claim_count,
    count(distinct article_id) as article_count,
    count(distinct outlet_key) as outlet_count,
    min(published_at) as first_published_at,
    max(published_at) as last_published_at
from keyed
group by claim_cluster_id, cluster_id
