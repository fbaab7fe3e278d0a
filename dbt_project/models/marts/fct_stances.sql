select
    stances.stance_id,
    stances.article_id,
    stances.published_at,
    stances.held_at,
    stances.is_background,
    stances.holder_actor_id,
    stances.holder_level,
    stances.via_actor_id,
    stances.target_id,
    stances.target_type,
    coalesce(target_actor.name, stances.target_text) as target_name,
    stances.polarity,
    stances.confidence,
    stances.sentence_count,
    stances.cue,
    stances.is_negated,
    stances.evidence_text,
    stances.sentence_index,
    stances.start_char,
    stances.end_char,
    clusters.cluster_id,
    clusters.duplicate_of is not null as is_duplicate
from {{ ref('int_stances_resolved') }} as stances
left join {{ ref('int_articles_clustered') }} as clusters on stances.article_id = clusters.article_id
left join {{ ref('dim_actors') }} as target_actor
    on stances.target_type = 'actor' and stances.target_id = target_actor.actor_id
