-- Stance changes from the timeline of confident votes, not from two sentences. A vote (int_stances_aggregated_to_votes:
-- one independent article's net position for a holder and target on a date) counts here when the stance model's
-- confidence is at least var('stance_change_min_confidence'). A position is settled over a window of
-- var('stance_change_window_months') when the window holds at least var('stance_change_min_articles') such votes for
-- it, from at least var('stance_change_min_outlets') outlets, and they are at least var('stance_change_min_share')
-- of all its votes. Each vote looks back (the window up to it) and ahead (the window from it): a vote whose look-back
-- settles its own position "closes" it there, a vote whose look-ahead settles it "opens" it. A change is an opening
-- of one position right after (no marker between them) a closing of the other: from the last vote that closed the
-- old position to the first vote that opened the new one, so the months where both are heard are left between the
-- two and a change never runs backwards. The evidence of each side is its votes in its window. A short run of
-- misread articles inside a steady position settles nothing, and neither does a position held both ways at once.
-- Ordering by held_at (then article id) makes the result independent of the order articles were loaded in.
with votes as (
    select * from {{ ref('int_stances_aggregated_to_votes') }}
    where is_independent and confidence >= {{ var('stance_change_min_confidence') }}
),

-- each vote's look-back and look-ahead: all votes, and those on each side and their outlets
windows as (
    select
        *,
        count(*) over look_back as back_votes,
        count(*) filter (where polarity = 1) over look_back as back_support,
        count(*) filter (where polarity = -1) over look_back as back_oppose,
        count(distinct outlet_key) filter (where polarity = 1) over look_back as back_support_outlets,
        count(distinct outlet_key) filter (where polarity = -1) over look_back as back_oppose_outlets,
        count(*) over look_ahead as ahead_votes,
        count(*) filter (where polarity = 1) over look_ahead as ahead_support,
        count(*) filter (where polarity = -1) over look_ahead as ahead_oppose,
        count(distinct outlet_key) filter (where polarity = 1) over look_ahead as ahead_support_outlets,
        count(distinct outlet_key) filter (where polarity = -1) over look_ahead as ahead_oppose_outlets
    from votes
    window
        look_back as (
            partition by holder_actor_id, target_id, target_type order by held_at
            range between interval {{ var('stance_change_window_months') }} month preceding and current row
        ),
        look_ahead as (
            partition by holder_actor_id, target_id, target_type order by held_at
            range between current row and interval {{ var('stance_change_window_months') }} month following
        )
),

-- the vote's own side in each window
own_side as (
    select
        *,
        case when polarity = 1 then back_support else back_oppose end as back_own_votes,
        case when polarity = 1 then back_support_outlets else back_oppose_outlets end as back_own_outlets,
        case when polarity = 1 then ahead_support else ahead_oppose end as ahead_own_votes,
        case when polarity = 1 then ahead_support_outlets else ahead_oppose_outlets end as ahead_own_outlets
    from windows
),

markers as (
    select
        *,
        back_own_votes >= {{ var('stance_change_min_articles') }}
        and back_own_outlets >= {{ var('stance_change_min_outlets') }}
        and back_own_votes >= {{ var('stance_change_min_share') }} * back_votes as closes,
        ahead_own_votes >= {{ var('stance_change_min_articles') }}
        and ahead_own_outlets >= {{ var('stance_change_min_outlets') }}
        and ahead_own_votes >= {{ var('stance_change_min_share') }} * ahead_votes as opens
    from own_side
),

sequence as (
    select
        *,
        lag(polarity) over ordered as previous_polarity,
        lag(closes) over ordered as previous_closes,
        lag(article_id) over ordered as from_article_id,
        lag(held_at) over ordered as from_held_at,
        lag(evidence_text) over ordered as from_evidence,
        lag(back_votes) over ordered as from_window_votes
    from markers
    where closes or opens
    window ordered as (partition by holder_actor_id, target_id, target_type order by held_at, article_id)
),

changes as (
    select
        holder_actor_id,
        target_id,
        target_type,
        previous_polarity as from_polarity,
        polarity as to_polarity,
        from_article_id,
        from_held_at,
        from_evidence,
        from_window_votes,
        article_id as to_article_id,
        held_at as to_held_at,
        evidence_text as to_evidence,
        ahead_votes as to_window_votes
    from sequence
    where polarity <> previous_polarity and previous_closes and opens
),

-- each side's evidence: the old position's votes in the window up to from_held_at, the new one's in the window from
-- to_held_at
evidence as (
    select
        changes.holder_actor_id,
        changes.target_id,
        changes.target_type,
        changes.to_article_id,
        votes.polarity = changes.to_polarity as is_new_side,
        count(*) as articles,
        count(distinct votes.outlet_key) as outlets,
        round(avg(cast(votes.confidence as decimal(18, 6))), 4) as confidence,
        list(votes.stance_id order by votes.held_at, votes.article_id) as evidence_ids,
        min(votes.held_at) as first_held_at,
        max(votes.held_at) as last_held_at
    from changes
    inner join votes using (holder_actor_id, target_id, target_type)
    where
        (
            votes.polarity = changes.from_polarity
            and votes.held_at >= changes.from_held_at - to_months({{ var('stance_change_window_months') }})
            and votes.held_at <= changes.from_held_at
        )
        or (
            votes.polarity = changes.to_polarity
            and votes.held_at <= changes.to_held_at + to_months({{ var('stance_change_window_months') }})
            and votes.held_at >= changes.to_held_at
        )
    group by all
),

articles as (
    select article_id, published_at from {{ ref('stg_landing__articles') }}
)

select
    md5(
        changes.holder_actor_id || ':' || changes.target_type || ':' || changes.target_id || ':'
        || changes.to_article_id
    )[:16] as stance_change_id,
    changes.holder_actor_id,
    changes.target_id,
    changes.target_type,
    changes.from_polarity,
    changes.to_polarity,
    changes.from_article_id,
    changes.to_article_id,
    from_article.published_at as from_published_at,
    to_article.published_at as to_published_at,
    changes.from_held_at,
    changes.to_held_at,
    changes.from_evidence,
    changes.to_evidence,
    old_side.articles as from_articles,
    old_side.outlets as from_outlets,
    old_side.confidence as from_confidence,
    old_side.evidence_ids as from_evidence_ids,
    old_side.first_held_at as from_first_held_at,
    new_side.articles as to_articles,
    new_side.outlets as to_outlets,
    new_side.confidence as to_confidence,
    new_side.evidence_ids as to_evidence_ids,
    new_side.last_held_at as to_last_held_at,
    new_side.articles as to_support,
    round(old_side.articles / changes.from_window_votes, 4) as from_share,
    round(new_side.articles / changes.to_window_votes, 4) as to_share
from changes
inner join evidence as old_side
    on
        changes.holder_actor_id = old_side.holder_actor_id
        and changes.target_id = old_side.target_id
        and changes.target_type = old_side.target_type
        and changes.to_article_id = old_side.to_article_id
        and not old_side.is_new_side
inner join evidence as new_side
    on
        changes.holder_actor_id = new_side.holder_actor_id
        and changes.target_id = new_side.target_id
        and changes.target_type = new_side.target_type
        and changes.to_article_id = new_side.to_article_id
        and new_side.is_new_side
left join articles as from_article on changes.from_article_id = from_article.article_id
left join articles as to_article on changes.to_article_id = to_article.article_id
