-- The publication these pages were built from (one row).
select
    version,
    strftime(min(published_at), '%Y-%m-%d %H:%M:%S UTC') as published_at,
    any_value(run_id) as run_id,
    max(row_count) filter (where table_name = 'marts.fct_articles') as articles,
    max(row_count) filter (where table_name = 'marts.fct_claims') as claims,
    max(row_count) filter (where table_name = 'marts.fct_stances') as stances,
    max(row_count) filter (where table_name = 'marts.fct_stance_changes') as stance_changes
from publication
group by version
