-- The representative columns of claim_clusters and stance_clusters describe one row: the claim (the stance) their
-- id names, with that row's article, text and cue. Returns the clusters where a column came from another copy.
select
    'claim_clusters' as mart,
    clusters.claim_cluster_id as cluster_key
from {{ ref('claim_clusters') }} as clusters
inner join {{ ref('fct_claims') }} as claims on clusters.claim_id = claims.claim_id
where
    clusters.article_id != claims.article_id
    or clusters.claim_text is distinct from claims.claim_text
    or clusters.cue is distinct from claims.cue
    or clusters.speaker_text is distinct from claims.speaker_text
    or clusters.speaker_actor_id is distinct from claims.speaker_actor_id
    or clusters.attribution is distinct from claims.attribution
union all
select
    'stance_clusters' as mart,
    clusters.stance_cluster_id as cluster_key
from {{ ref('stance_clusters') }} as clusters
inner join {{ ref('fct_stances') }} as stances on clusters.stance_id = stances.stance_id
where
    clusters.article_id != stances.article_id
    or clusters.evidence_text is distinct from stances.evidence_text
    or clusters.cue is distinct from stances.cue
    or clusters.target_name is distinct from stances.target_name
