select
    md5(article_id || ':' || mention_index)[:16] as mention_id,
    article_id,
    actor_id,
    mention_text,
    canonical_text,
    ner_label,
    is_in_dictionary,
    sentence_index,
    start_char,
    end_char
from {{ ref('int_mentions_resolved') }}
