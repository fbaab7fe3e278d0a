-- Actors the extractor found (spaCy NER) that the dictionary does not know: named by their most frequent form.
with mentions as (
    select * from {{ ref('int_mentions_resolved') }}
    where not is_in_dictionary
),

dictionary as (
    select actor_id from {{ ref('stg_seeds__actors') }}
)

select
    actor_id,
    mode(extracted_actor_name) as name,
    mode(extracted_actor_type) as actor_type,
    count(*) as mention_count,
    count(distinct article_id) as article_count
from mentions
where actor_id not in (select dictionary.actor_id from dictionary)
group by actor_id
