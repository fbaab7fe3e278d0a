-- Every claim (marts.fct_claims) with its speaker's name: the actor's name when the speaker is resolved,
-- else the speaker as written ("officials"). Dates are text: Evidence shows a null date as 1970-01-01.
select
    claims.claim_id,
    claims.article_id,
    coalesce(speakers.name, claims.speaker_text) as speaker,
    -- a key without quotes for the page's speaker filter: the actor, else the speaker as written
    md5(coalesce('actor:' || claims.speaker_actor_id, 'text:' || lower(trim(claims.speaker_text)))) as speaker_key,
    claims.speaker_actor_id,
    claims.speaker_text,
    strftime(claims.published_at, '%Y-%m-%d') as published_on,
    articles.source_domain as outlet,
    articles.title,
    articles.url,
    claims.cue,
    claims.attribution,
    claims.is_hedged,
    claims.is_negated,
    claims.about_relation,
    claims.claim_text,
    claims.evidence_text,
    claims.is_duplicate
from marts.fct_claims as claims
left join marts.dim_actors as speakers on claims.speaker_actor_id = speakers.actor_id
left join marts.fct_articles as articles on claims.article_id = articles.article_id
order by speaker, claims.published_at, claims.claim_id
