-- Stance changes from the timeline (fct_stance_periods), not from two sentences. Periods with a net position are
-- ordered by their start; consecutive periods of one sign form a run. A run counts when its side is backed by at
-- least var('stance_change_min_articles') independent articles (syndicated copies once) whose mean confidence is
-- at least var('stance_change_min_confidence'). A change is a counted run whose sign differs from the counted run
-- before it: from the last article of the old position to the first article of the new one, so changes never run
-- backwards. Each side carries its support (articles, outlets), mean confidence and evidence (stance ids).
-- A change must be a sustained shift: in the var('stance_change_window_months') up to the old position's last
-- article, at least var('stance_change_min_share') of the independent votes held the old position, and in as many
-- months from the new position's first article at least that share hold the new one. A short run of misread
-- articles inside a steady position (a classifier's noise) is not a change; a position held at once both ways is
-- not either.
-- Ordering by held_at (then article id) makes the result independent of the order articles were loaded in.
with periods as (
    select * from {{ ref('fct_stance_periods') }}
    where net_polarity <> 0
),

numbered as (
    select
        *,
        sum(case when previous_polarity = net_polarity then 0 else 1 end) over (
            partition by holder_actor_id, target_id, target_type order by period_start
            rows between unbounded preceding and current row
        ) as run_number
    from (
        select
            *,
            lag(net_polarity) over (
                partition by holder_actor_id, target_id, target_type order by period_start
            ) as previous_polarity
        from periods
    ) as with_previous
),

-- the independent votes of each run on the run's side (a period's minority votes are not its evidence)
votes as (
    select * from {{ ref('int_stances_aggregated_to_votes') }}
    where is_independent
),

run_votes as (
    select numbered.run_number, numbered.net_polarity as run_polarity, votes.*
    from numbered
    inner join votes using (holder_actor_id, target_id, target_type, period_start)
    where votes.polarity = numbered.net_polarity
),

runs as (
    select
        holder_actor_id,
        target_id,
        target_type,
        run_number,
        any_value(run_polarity) as polarity,
        count(*) as articles,
        count(distinct outlet_key) as outlets,
        round(avg(cast(confidence as decimal(18, 6))), 4) as confidence,
        list(stance_id order by held_at, article_id) as evidence_ids,
        arg_min(article_id, (held_at, article_id)) as first_article_id,
        min(held_at) as first_held_at,
        arg_min(evidence_text, (held_at, article_id)) as first_evidence,
        arg_max(article_id, (held_at, article_id)) as last_article_id,
        max(held_at) as last_held_at,
        arg_max(evidence_text, (held_at, article_id)) as last_evidence
    from run_votes
    group by holder_actor_id, target_id, target_type, run_number
),

counted as (
    select
        *,
        lag(polarity) over holder_target as previous_polarity,
        lag(run_number) over holder_target as previous_run
    from runs
    where
        articles >= {{ var('stance_change_min_articles') }}
        and confidence >= {{ var('stance_change_min_confidence') }}
    window holder_target as (partition by holder_actor_id, target_id, target_type order by run_number)
),

pairs as (
    select
        new_run.*,
        old_run.first_held_at as from_first_held_at
    from counted as new_run
    inner join counted as old_run using (holder_actor_id, target_id, target_type)
    where old_run.run_number = new_run.previous_run and new_run.previous_polarity <> new_run.polarity
),

-- the earlier side: every independent vote for the old position from the start of its counted run until the new
-- run began, so a position repeated by single articles after its counted run is last seen where it really was
changes as (
    select
        pairs.*,
        count(*) as from_articles,
        count(distinct votes.outlet_key) as from_outlets,
        round(avg(cast(votes.confidence as decimal(18, 6))), 4) as from_confidence,
        list(votes.stance_id order by votes.held_at, votes.article_id) as from_evidence_ids,
        arg_max(votes.article_id, (votes.held_at, votes.article_id)) as from_article_id,
        max(votes.held_at) as from_held_at,
        arg_max(votes.evidence_text, (votes.held_at, votes.article_id)) as from_evidence
    from pairs
    inner join votes using (holder_actor_id, target_id, target_type)
    where
        votes.polarity = pairs.previous_polarity
        and votes.held_at >= pairs.from_first_held_at
        and (
            votes.held_at < pairs.first_held_at
            or (votes.held_at = pairs.first_held_at and votes.article_id < pairs.first_article_id)
        )
    group by all
),

-- the share of the independent votes on each side's position: before, in the months up to the old position's last
-- article; after, in the months from the new position's first article
shares as (
    select
        changes.holder_actor_id, changes.target_id, changes.target_type, changes.first_article_id,
        round(
            avg(case when votes.polarity = changes.previous_polarity then 1.0 else 0.0 end) filter (
                where votes.held_at > changes.from_held_at - to_months({{ var('stance_change_window_months') }})
                and votes.held_at <= changes.from_held_at
            ),
            4
        ) as from_share,
        round(
            avg(case when votes.polarity = changes.polarity then 1.0 else 0.0 end) filter (
                where votes.held_at >= changes.first_held_at
                and votes.held_at < changes.first_held_at + to_months({{ var('stance_change_window_months') }})
            ),
            4
        ) as to_share
    from changes
    inner join votes using (holder_actor_id, target_id, target_type)
    group by all
),

sustained as (
    select changes.*, shares.from_share, shares.to_share
    from changes
    inner join shares using (holder_actor_id, target_id, target_type, first_article_id)
    where
        shares.from_share >= {{ var('stance_change_min_share') }}
        and shares.to_share >= {{ var('stance_change_min_share') }}
),

articles as (
    select article_id, published_at from {{ ref('stg_landing__articles') }}
)

select
    md5(
        changes.holder_actor_id || ':' || changes.target_type || ':' || changes.target_id || ':'
        || changes.first_article_id
    )[:16] as stance_change_id,
    changes.holder_actor_id,
    changes.target_id,
    changes.target_type,
    changes.previous_polarity as from_polarity,
    changes.polarity as to_polarity,
    changes.from_article_id,
    changes.first_article_id as to_article_id,
    from_article.published_at as from_published_at,
    to_article.published_at as to_published_at,
    changes.from_held_at,
    changes.first_held_at as to_held_at,
    changes.from_evidence,
    changes.first_evidence as to_evidence,
    changes.from_articles,
    changes.from_outlets,
    changes.from_confidence,
    changes.from_evidence_ids,
    changes.from_first_held_at,
    changes.articles as to_articles,
    changes.outlets as to_outlets,
    changes.confidence as to_confidence,
    changes.evidence_ids as to_evidence_ids,
    changes.last_held_at as to_last_held_at,
    changes.articles as to_support,
    changes.from_share,
    changes.to_share
from sustained as changes
left join articles as from_article on changes.from_article_id = from_article.article_id
left join articles as to_article on changes.first_article_id = to_article.article_id
