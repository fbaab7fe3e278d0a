-- Mentions resolved against the current actor dictionary: an alias edit plus `dbt build` re-resolves history.
-- Mentions whose text is not in the dictionary keep the id the extractor gave them (a slug of the name).
with mentions as (
    select * from {{ ref('stg_landing__mentions') }}
),

aliases as (
    select * from {{ ref('int_actor_aliases_keyed') }}
)

select
    mentions.article_id,
    mentions.mention_index,
    coalesce(aliases.actor_id, mentions.extracted_actor_id) as actor_id,
    aliases.actor_id is not null as is_in_dictionary,
    mentions.extracted_actor_name,
    mentions.extracted_actor_type,
    mentions.mention_text,
    mentions.canonical_text,
    mentions.ner_label,
    mentions.sentence_index,
    mentions.start_char,
    mentions.end_char
from mentions
left join aliases on mentions.alias_key = aliases.alias_key
