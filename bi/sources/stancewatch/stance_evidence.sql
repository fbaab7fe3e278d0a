-- Every stance observation behind each stance change: the runs before (from_evidence_ids) and after
-- (to_evidence_ids), oldest first, with the sentence and its article.
with evidence as (
    select stance_change_id, 'before' as side, unnest(from_evidence_ids) as stance_id,
        generate_subscripts(from_evidence_ids, 1) as position
    from marts.fct_stance_changes
    union all
    select stance_change_id, 'after' as side, unnest(to_evidence_ids) as stance_id,
        generate_subscripts(to_evidence_ids, 1) as position
    from marts.fct_stance_changes
)

select
    evidence.stance_change_id,
    evidence.side,
    evidence.position,
    evidence.stance_id,
    case stances.polarity when 1 then 'support' else 'oppose' end as position_taken,
    strftime(stances.held_at, '%Y-%m-%d') as held_at,
    stances.confidence,
    stances.cue,
    stances.evidence_text,
    articles.title,
    articles.source_domain as outlet,
    articles.url
from evidence
inner join marts.fct_stances as stances on evidence.stance_id = stances.stance_id
left join marts.fct_articles as articles on stances.article_id = articles.article_id
order by evidence.stance_change_id, evidence.side desc, evidence.position
