-- Names the extractor found that the actor dictionary does not know, most mentioned first: candidates to add
-- to dbt_project/seeds/actors.csv (then `dbt build` re-resolves history).
select
    actor_id as suggested_actor_id,
    name,
    actor_type,
    mention_count,
    article_count,
    row_number() over (order by mention_count desc, article_count desc, actor_id asc) as rank
from {{ ref('int_actors_discovered') }}
