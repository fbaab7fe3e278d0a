{#- One column of the row that represents a group of copies of one claim or stance across a cluster of duplicate
    articles (claim_clusters, stance_clusters): the row from the cluster's first article when that copy has it, else
    the earliest published, then the smallest article_id, then the first in the text, then the smallest `row_id`
    (two claims at one offset of one article). Every column is read in this one order, so they describe one row.
    The model must have article_id, cluster_id, published_at and start_char. -#}
{% macro cluster_representative(column, row_id) -%}
    first(
        {{ column }} order by
            article_id = cluster_id desc, published_at asc nulls last, article_id asc, start_char asc, {{ row_id }} asc
    )
{%- endmacro %}
