-- One row per stance change (marts.fct_stance_changes) with names, positions as words and both articles.
-- Dates are text (yyyy-mm-dd): Evidence shows a null date as 1970-01-01.
with topic_names as (
    select target_id, mode(target_name) as target_name
    from marts.fct_stances
    where target_type = 'topic'
    group by target_id
)

select
    sc.stance_change_id,
    sc.holder_actor_id,
    coalesce(holder.name, sc.holder_actor_id) as holder,
    sc.target_id,
    sc.target_type,
    coalesce(target_actor.name, topic_names.target_name, sc.target_id) as target,
    case sc.from_polarity when 1 then 'support' else 'oppose' end as from_position,
    case sc.to_polarity when 1 then 'support' else 'oppose' end as to_position,
    case sc.from_polarity when 1 then 'support' else 'oppose' end
        || ' → ' || case sc.to_polarity when 1 then 'support' else 'oppose' end as change,
    strftime(sc.from_first_held_at, '%Y-%m-%d') as from_first_held_at,
    strftime(sc.from_held_at, '%Y-%m-%d') as from_held_at,
    strftime(sc.to_held_at, '%Y-%m-%d') as to_held_at,
    strftime(sc.to_last_held_at, '%Y-%m-%d') as to_last_held_at,
    sc.from_articles,
    sc.from_outlets,
    sc.from_confidence,
    sc.from_share,
    sc.to_articles,
    sc.to_outlets,
    sc.to_confidence,
    sc.to_share,
    sc.from_evidence,
    sc.to_evidence,
    array_to_string(sc.from_evidence_ids, ' ') as from_evidence_ids,
    array_to_string(sc.to_evidence_ids, ' ') as to_evidence_ids,
    sc.from_article_id,
    from_article.title as from_title,
    from_article.source_domain as from_outlet,
    from_article.url as from_url,
    sc.to_article_id,
    to_article.title as to_title,
    to_article.source_domain as to_outlet,
    to_article.url as to_url
from marts.fct_stance_changes as sc
left join marts.dim_actors as holder on sc.holder_actor_id = holder.actor_id
left join marts.dim_actors as target_actor
    on sc.target_type = 'actor' and sc.target_id = target_actor.actor_id
left join topic_names on sc.target_type = 'topic' and sc.target_id = topic_names.target_id
left join marts.fct_articles as from_article on sc.from_article_id = from_article.article_id
left join marts.fct_articles as to_article on sc.to_article_id = to_article.article_id
order by sc.to_held_at desc, holder, target
