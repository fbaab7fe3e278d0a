-- Clusters of duplicate articles (one story carried by several outlets, or republished): the connected components
-- of the duplicate pairs (same clean text, or MinHash near duplicates; pipelines/lib/dedup.py). Every article is
-- in exactly one cluster, alone when it has no duplicate. The cluster's first article (cluster_id) is the earliest
-- published, then the smallest article_id, so the result does not depend on load order. An outlet is the URL's
-- domain, else the outlet name; an article with neither counts as an outlet of its own.
with articles as (
    select
        article_id,
        published_at,
        text_hash,
        coalesce(source_domain, lower(trim(outlet)), 'article:' || article_id) as outlet_key
    from {{ ref('stg_landing__articles') }}
),

pairs as (
    select article_id, duplicate_article_id from {{ ref('stg_landing__duplicate_pairs') }}
),

edges as (
    select article_id as from_id, duplicate_article_id as to_id from pairs
    union
    select duplicate_article_id as from_id, article_id as to_id from pairs
),

members as (
    select article_id, member_id from (
        with recursive reachable (article_id, member_id) as (
            select article_id, article_id as member_id from articles
            union
            select reachable.article_id, edges.to_id
            from reachable
            inner join edges on reachable.member_id = edges.from_id
        )

        select article_id, member_id from reachable
    ) as reachable_members
),

clusters as (
    select
        members.article_id,
        first(members.member_id order by articles.published_at asc nulls last, members.member_id asc) as cluster_id,
        count(*) as cluster_size,
        count(distinct articles.outlet_key) as outlet_count
    from members
    inner join articles on members.member_id = articles.article_id
    group by members.article_id
)

select
    articles.article_id,
    clusters.cluster_id,
    case when articles.article_id <> clusters.cluster_id then clusters.cluster_id end as duplicate_of,
    case
        when articles.article_id = clusters.cluster_id then null
        when articles.text_hash = head.text_hash then 'exact'
        else 'near'
    end as duplicate_method,
    clusters.cluster_size,
    clusters.outlet_count,
    articles.outlet_key
from articles
inner join clusters on articles.article_id = clusters.article_id
inner join articles as head on clusters.cluster_id = head.article_id
