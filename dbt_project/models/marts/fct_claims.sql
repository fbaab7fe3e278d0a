select
    claims.claim_id,
    claims.article_id,
    articles.published_at,
    claims.speaker_actor_id,
    claims.speaker_text,
    claims.cue,
    claims.claim_text,
    claims.attribution,
    claims.is_hedged,
    claims.is_negated,
    claims.about_claim_id,
    claims.about_relation,
    claims.evidence_text,
    claims.sentence_index,
    claims.start_char,
    claims.end_char,
    clusters.cluster_id,
    clusters.duplicate_of is not null as is_duplicate
from {{ ref('int_claims_resolved') }} as claims
inner join {{ ref('stg_landing__articles') }} as articles on claims.article_id = articles.article_id
left join {{ ref('int_articles_clustered') }} as clusters on claims.article_id = clusters.article_id
