-- Stance changes: per (holder, target), article-level positions ordered by the date they hold (then article id,
-- so the result does not depend on load order). Consecutive positions of one polarity form a run; a run needs
-- var('stance_change_min_support') evidence sentences to count, so one noisy sentence never makes a flip;
-- a change is a kept run whose polarity differs from the kept run before it; it runs from the last article that
-- showed the old polarity (kept run or not) to the first article of the new run.
with positions as (
    select * from {{ ref('int_stance_positions') }}
),

ordered as (
    select
        *,
        lag(polarity) over holder_target as previous_polarity
    from positions
    window holder_target as (partition by holder_actor_id, target_id, target_type order by held_at, article_id)
),

islands as (
    select
        *,
        sum(case when previous_polarity = polarity then 0 else 1 end) over (
            partition by holder_actor_id, target_id, target_type order by held_at, article_id
            rows between unbounded preceding and current row
        ) as run_number
    from ordered
),

runs as (
    select
        holder_actor_id,
        target_id,
        target_type,
        run_number,
        any_value(polarity) as polarity,
        sum(support) as support,
        arg_min(article_id, (held_at, article_id)) as first_article_id,
        arg_min(held_at, (held_at, article_id)) as first_held_at,
        arg_min(evidence_text, (held_at, article_id)) as first_evidence
    from islands
    group by all
),

kept as (
    select
        *,
        lag(polarity) over holder_target as previous_polarity
    from runs
    where support >= {{ var('stance_change_min_support') }}
    window holder_target as (partition by holder_actor_id, target_id, target_type order by run_number)
),

changes as (
    select * from kept
    where previous_polarity is not null
      and previous_polarity <> polarity
),

-- the old position was last seen in the latest article with the old polarity before the new run began
last_seen_before as (
    select
        changes.holder_actor_id,
        changes.target_id,
        changes.target_type,
        changes.first_article_id,
        arg_max(positions.article_id, (positions.held_at, positions.article_id)) as from_article_id,
        arg_max(positions.held_at, (positions.held_at, positions.article_id)) as from_held_at,
        arg_max(positions.evidence_text, (positions.held_at, positions.article_id)) as from_evidence
    from changes
    inner join positions
        on positions.holder_actor_id = changes.holder_actor_id
        and positions.target_id = changes.target_id
        and positions.target_type = changes.target_type
        and positions.polarity = changes.previous_polarity
        and (positions.held_at < changes.first_held_at
             or (positions.held_at = changes.first_held_at and positions.article_id < changes.first_article_id))
    group by all
),

articles as (
    select article_id, published_at from {{ ref('stg_landing__articles') }}
)

select
    md5(changes.holder_actor_id || ':' || changes.target_type || ':' || changes.target_id || ':'
        || changes.first_article_id)[:16] as stance_change_id,
    changes.holder_actor_id,
    changes.target_id,
    changes.target_type,
    changes.previous_polarity as from_polarity,
    changes.polarity as to_polarity,
    last_seen_before.from_article_id,
    changes.first_article_id as to_article_id,
    from_article.published_at as from_published_at,
    to_article.published_at as to_published_at,
    last_seen_before.from_held_at,
    changes.first_held_at as to_held_at,
    last_seen_before.from_evidence,
    changes.first_evidence as to_evidence,
    changes.support as to_support
from changes
inner join last_seen_before
    on changes.holder_actor_id = last_seen_before.holder_actor_id
    and changes.target_id = last_seen_before.target_id
    and changes.target_type = last_seen_before.target_type
    and changes.first_article_id = last_seen_before.first_article_id
left join articles as from_article on last_seen_before.from_article_id = from_article.article_id
left join articles as to_article on changes.first_article_id = to_article.article_id
