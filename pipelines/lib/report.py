"""A static, self-contained HTML report of the marts: one file, no scripts, no external fonts or images, so it opens
offline in any browser and can be mailed around.

Sections: coverage over time (articles per month), top actors, most disputed claims, and stance timelines: for the
top stance changes (then, to fill the page, the holder/target pairs with the most stance evidence) the holder's
stance toward the target over time, each point carrying its evidence sentence as an SVG <title> (shown on hover)
and listed below the chart. Charts are inline SVG generated here.
"""

from __future__ import annotations

import html
import os
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path

TOP_ACTORS = 15
TOP_DISPUTED = 10
TIMELINES = 6

SUPPORT, OPPOSE, BAR, MUTED = "#1a9850", "#d73027", "#4c72b0", "#888888"
TYPE_COLOURS = {"country": "#4c72b0", "person": "#dd8452", "organization": "#55a868", "group": "#8172b3"}


# --- data ------------------------------------------------------------------------------------------------------


@dataclass
class Timeline:
    holder_id: str
    holder: str
    target_id: str
    target_type: str
    target: str
    points: list[dict]  # {at: date, polarity, cue, evidence, title, article_id}
    undated: list[dict]
    changes: list[dict] = field(default_factory=list)  # rows of fct_stance_changes, oldest first

    @property
    def latest_change(self) -> dict | None:
        return self.changes[-1] if self.changes else None


@dataclass
class ReportData:
    generated_at: datetime
    totals: dict[str, int]
    first_date: date | None
    last_date: date | None
    coverage: list[tuple[date, int]]  # (first day of month, articles)
    undated_articles: int
    top_actors: list[dict]
    disputed: list[dict]
    changes: list[Timeline] = field(default_factory=list)
    pairs: list[Timeline] = field(default_factory=list)


def _rows(con, sql: str, params: list | None = None) -> list[dict]:
    cur = con.execute(sql, params or [])
    names = [d[0] for d in cur.description]
    return [dict(zip(names, row)) for row in cur.fetchall()]


def _day(value) -> date | None:
    if value is None:
        return None
    return value.date() if isinstance(value, datetime) else value


def collect(
    con,
    schema: str = "marts",
    top_actors: int = TOP_ACTORS,
    top_disputed: int = TOP_DISPUTED,
    timelines: int = TIMELINES,
) -> ReportData:
    """Read what the report shows from the marts (a warehouse or serving-file connection)."""
    m = schema
    totals = {
        "articles": con.execute(f"select count(*) from {m}.fct_articles").fetchone()[0],
        "actors": con.execute(f"select count(*) from {m}.dim_actors where mention_count > 0").fetchone()[0],
        "mentions": con.execute(f"select count(*) from {m}.fct_actor_mentions").fetchone()[0],
        "claims": con.execute(f"select count(*) from {m}.fct_claims").fetchone()[0],
        "stances": con.execute(f"select count(*) from {m}.fct_stances").fetchone()[0],
        "stance_changes": con.execute(f"select count(*) from {m}.fct_stance_changes").fetchone()[0],
    }
    first, last = con.execute(f"select min(published_at), max(published_at) from {m}.fct_articles").fetchone()
    coverage = [
        (_day(r[0]), r[1])
        for r in con.execute(f"""
        select date_trunc('month', published_at) as month, count(*) from {m}.fct_articles
        where published_at is not null group by 1 order by 1""").fetchall()
    ]
    undated = con.execute(f"select count(*) from {m}.fct_articles where published_at is null").fetchone()[0]
    actors = _rows(
        con,
        f"""
        select actor_id, name, actor_type, article_count, mention_count from {m}.dim_actors
        where mention_count > 0 order by article_count desc, mention_count desc, name limit ?""",
        [top_actors],
    )
    disputed = _rows(
        con,
        f"""
        select t.claim_id, coalesce(ts.name, t.speaker_text, 'an unnamed source') as speaker, t.cue,
               t.claim_text, t.evidence_text, t.published_at, a.title,
               count(*) filter (where r.about_relation = 'disputes') as disputes,
               count(*) filter (where r.about_relation is distinct from 'disputes') as confirms,
               string_agg(distinct coalesce(rs.name, r.speaker_text, 'an unnamed source'), ', ') as responders,
               string_agg(distinct r.evidence_text, ' | ') as responses
        from {m}.fct_claims r
        join {m}.fct_claims t on t.claim_id = r.about_claim_id
        join {m}.fct_articles a on a.article_id = t.article_id
        left join {m}.dim_actors ts on ts.actor_id = t.speaker_actor_id
        left join {m}.dim_actors rs on rs.actor_id = r.speaker_actor_id
        group by all
        order by disputes desc, confirms desc, t.published_at desc nulls last, t.claim_id
        limit ?""",
        [top_disputed],
    )

    # the top stance changes: pairs with changes, most stance evidence first; one timeline per pair
    changed_pairs = _rows(
        con,
        f"""
        with support as (
            select holder_actor_id, target_id, target_type, count(*) as evidence
            from {m}.fct_stances group by all)
        select c.holder_actor_id, c.target_id, c.target_type, count(*) as changes,
               max(c.to_held_at) as latest, any_value(coalesce(s.evidence, 0)) as evidence
        from {m}.fct_stance_changes c left join support s using (holder_actor_id, target_id, target_type)
        group by all
        order by evidence desc, changes desc, latest desc nulls last, c.holder_actor_id, c.target_id
        limit ?""",
        [timelines],
    )
    change_lines = []
    for pair in changed_pairs:
        key = [pair["holder_actor_id"], pair["target_id"], pair["target_type"]]
        rows = _rows(
            con,
            f"""
            select * from {m}.fct_stance_changes where holder_actor_id = ? and target_id = ? and target_type = ?
            order by to_held_at nulls last, from_held_at""",
            key,
        )
        change_lines.append(_timeline(con, m, *key, changes=rows))
    shown = {(t.holder_id, t.target_id, t.target_type) for t in change_lines}
    pair_lines = []
    if len(change_lines) < timelines:
        pairs = _rows(
            con,
            f"""
            select holder_actor_id, target_id, target_type,
                   count(*) filter (where coalesce(held_at, published_at) is not null) as dated,
                   count(distinct article_id) as articles
            from {m}.fct_stances group by all
            having dated > 0
            order by articles desc, dated desc, holder_actor_id, target_id""",
        )
        for p in pairs:
            key = (p["holder_actor_id"], p["target_id"], p["target_type"])
            if key in shown:
                continue
            pair_lines.append(_timeline(con, m, *key))
            if len(change_lines) + len(pair_lines) >= timelines:
                break
    return ReportData(
        datetime.now().replace(microsecond=0),
        totals,
        _day(first),
        _day(last),
        coverage,
        undated,
        actors,
        disputed,
        change_lines,
        pair_lines,
    )


def _timeline(
    con, m: str, holder_id: str, target_id: str, target_type: str, changes: list[dict] | None = None
) -> Timeline:
    rows = _rows(
        con,
        f"""
        select coalesce(s.held_at, s.published_at) as at_date, s.polarity, s.cue, s.evidence_text as evidence,
               s.is_background, a.title, s.article_id, s.target_name
        from {m}.fct_stances s join {m}.fct_articles a using (article_id)
        where s.holder_actor_id = ? and s.target_id = ? and s.target_type = ?
        order by at_date nulls last, s.article_id, s.stance_id""",
        [holder_id, target_id, target_type],
    )
    holder = con.execute(f"select name from {m}.dim_actors where actor_id = ?", [holder_id]).fetchone()
    target_name = next((r["target_name"] for r in rows if r["target_name"]), None)
    if target_type == "actor":
        found = con.execute(f"select name from {m}.dim_actors where actor_id = ?", [target_id]).fetchone()
        target_name = found[0] if found else target_name
    for r in rows:
        r["at"] = _day(r.pop("at_date"))
    return Timeline(
        holder_id,
        holder[0] if holder else holder_id,
        target_id,
        target_type,
        target_name or target_id,
        [r for r in rows if r["at"] is not None],
        [r for r in rows if r["at"] is None],
        changes or [],
    )


# --- SVG -------------------------------------------------------------------------------------------------------


def _e(value) -> str:
    return html.escape("" if value is None else str(value), quote=True)


def _f(x: float) -> str:
    return f"{x:.1f}"


def _add_months(d: date, n: int) -> date:
    y, mo = divmod(d.month - 1 + n, 12)
    return date(d.year + y, mo + 1, 1)


def coverage_svg(coverage: list[tuple[date, int]], width: int = 860, height: int = 220) -> str:
    """Articles per month: one bar per month from the first to the last month with articles."""
    if not coverage:
        return '<p class="empty">No dated articles.</p>'
    left, right, top, bottom = 44, 12, 12, 34
    first, last = coverage[0][0], coverage[-1][0]
    n_months = (last.year - first.year) * 12 + last.month - first.month + 1
    counts = dict(coverage)
    peak = max(counts.values())
    plot_w, plot_h = width - left - right, height - top - bottom
    step = plot_w / n_months
    bar_w = max(step * 0.8, 1.0)
    parts = [
        f'<svg class="chart coverage" role="img" aria-label="Articles per month" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}">'
    ]
    for tick in sorted({0, peak // 2, peak}):
        y = top + plot_h - plot_h * tick / peak
        parts.append(
            f'<line class="grid" x1="{left}" x2="{width - right}" y1="{_f(y)}" y2="{_f(y)}"/>'
            f'<text class="axis" x="{left - 6}" y="{_f(y + 4)}" text-anchor="end">{tick}</text>'
        )
    for i in range(n_months):
        month = _add_months(first, i)
        n = counts.get(month, 0)
        if not n:
            continue
        h = plot_h * n / peak
        x = left + i * step + (step - bar_w) / 2
        parts.append(
            f'<rect class="bar" x="{_f(x)}" y="{_f(top + plot_h - h)}" width="{_f(bar_w)}" height="{_f(h)}" '
            f'fill="{BAR}"><title>{month:%B %Y}: {n} article{"s" if n != 1 else ""}</title></rect>'
        )
    years = last.year - first.year + 1
    every = max(1, -(-years // 12))
    last_label = -1e9
    for year in range(first.year, last.year + 1):
        i = max(0, (year - first.year) * 12 - (first.month - 1))
        x = left + i * step
        if (year - first.year) % every or x - last_label < 34:
            continue
        last_label = x
        parts.append(
            f'<line class="tick" x1="{_f(x)}" x2="{_f(x)}" y1="{top + plot_h}" y2="{top + plot_h + 4}"/>'
            f'<text class="axis" x="{_f(x)}" y="{top + plot_h + 16}" text-anchor="start">{year}</text>'
        )
    parts.append(f'<line class="baseline" x1="{left}" x2="{width - right}" y1="{top + plot_h}" y2="{top + plot_h}"/>')
    parts.append("</svg>")
    return "".join(parts)


def actors_svg(actors: list[dict], width: int = 860) -> str:
    """Top actors by articles mentioning them (bar), with mentions in the label and the tooltip."""
    if not actors:
        return '<p class="empty">No actors mentioned yet.</p>'
    label_w, row_h, top = 220, 22, 6
    height = top + row_h * len(actors) + 6
    peak = max(a["article_count"] for a in actors) or 1
    plot_w = width - label_w - 180
    parts = [
        f'<svg class="chart actors" role="img" aria-label="Top actors" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}">'
    ]
    for i, a in enumerate(actors):
        y = top + i * row_h
        w = max(plot_w * a["article_count"] / peak, 2)
        colour = TYPE_COLOURS.get(a["actor_type"], MUTED)
        tip = (
            f"{a['name']} ({a['actor_type']}, {a['actor_id']}): {a['article_count']} articles, "
            f"{a['mention_count']} mentions"
        )
        parts.append(
            f'<g class="actor" data-actor-id="{_e(a["actor_id"])}"><title>{_e(tip)}</title>'
            f'<text class="label" x="{label_w - 8}" y="{y + 15}" text-anchor="end">{_e(a["name"])}</text>'
            f'<rect class="bar" x="{label_w}" y="{y + 3}" width="{_f(w)}" height="{row_h - 6}" fill="{colour}"/>'
            f'<text class="value" x="{_f(label_w + w + 6)}" y="{y + 15}">{a["article_count"]} articles · '
            f"{a['mention_count']} mentions</text></g>"
        )
    parts.append("</svg>")
    return "".join(parts)


WINDOW_YEARS = 3  # a change's timeline shows this many years either side of it
MAX_STACK = 3  # points of one polarity on one day stack up to this many, then overlap


def timeline_window(t: Timeline) -> tuple[date, date]:
    """The dates a timeline draws: every point of a pair; with changes, a few years either side of them."""
    lo, hi = t.points[0]["at"], t.points[-1]["at"]
    ends = [_day(c.get(k)) for c in t.changes for k in ("from_held_at", "to_held_at")]
    ends = [d for d in ends if d]
    if ends:
        a, b = min(ends), max(ends)
        lo = max(lo, _add_years(a, -WINDOW_YEARS))
        hi = min(hi, _add_years(b, WINDOW_YEARS))
        lo, hi = min(lo, a), max(hi, b)
    return lo, hi


def _add_years(d: date, n: int) -> date:
    year = min(max(d.year + n, date.min.year), date.max.year)
    try:
        return d.replace(year=year)
    except ValueError:  # 29 February
        return d.replace(year=year, day=28)


def timeline_svg(t: Timeline, width: int = 860, height: int = 150) -> str:
    """The holder's stance toward the target over time: supports above the line, opposes below; every point's
    <title> is its evidence sentence; a change shows as a shaded band from the old position to the new one."""
    if not t.points:
        return '<p class="empty">No dated stance evidence.</p>'
    left, right, top, bottom = 80, 16, 14, 30
    first, last = timeline_window(t)
    pad = max((last - first).days * 0.04, 20)
    try:
        lo, hi = first - timedelta(days=pad), last + timedelta(days=pad)
    except OverflowError:  # dates at the ends of the calendar (bad_date flags): no padding
        lo, hi = first, last
    span = (hi - lo).days or 1
    plot_w, plot_h = width - left - right, height - top - bottom
    y_support, y_oppose, y_mid = top + plot_h * 0.25, top + plot_h * 0.75, top + plot_h / 2

    def x_of(d: date) -> float:
        return left + plot_w * (d - lo).days / span

    parts = [
        f'<svg class="chart timeline" role="img" aria-label="{_e(t.holder)} toward {_e(t.target)}" '
        f'viewBox="0 0 {width} {height}" width="{width}" height="{height}">'
    ]
    last_label = -1e9
    for change in t.changes:
        a, b = _day(change.get("from_held_at")), _day(change.get("to_held_at"))
        if a and b:
            x0, x1 = x_of(min(a, b)), x_of(max(a, b))
            tip = f"{t.holder} {_turn(change)} {t.target} between {a} and {b}"
            label = ""
            if (x0 + x1) / 2 - last_label >= 50:
                last_label = (x0 + x1) / 2
                label = f'<text x="{_f(last_label)}" y="{top + 2}" text-anchor="middle">change</text>'
            parts.append(
                f'<g class="change"><title>{_e(tip)}</title>'
                f'<rect x="{_f(x0 - 2)}" y="{top}" width="{_f(x1 - x0 + 4)}" height="{plot_h}"/>{label}</g>'
            )
    parts.append(
        f'<line class="baseline" x1="{left}" x2="{width - right}" y1="{_f(y_mid)}" y2="{_f(y_mid)}"/>'
        f'<text class="axis support" x="{left - 8}" y="{_f(y_support + 4)}" text-anchor="end">supports</text>'
        f'<text class="axis oppose" x="{left - 8}" y="{_f(y_oppose + 4)}" text-anchor="end">opposes</text>'
    )
    shown = [(i, p) for i, p in enumerate(t.points, 1) if first <= p["at"] <= last]
    # the net position per date, as a dashed line
    net: dict[date, int] = {}
    for _, p in shown:
        net[p["at"]] = net.get(p["at"], 0) + p["polarity"]
    path = []
    for d in sorted(net):
        y = y_support if net[d] > 0 else y_oppose if net[d] < 0 else y_mid
        path.append(f"{'L' if path else 'M'}{_f(x_of(d))},{_f(y)}")
    if len(path) > 1:
        parts.append(f'<path class="trend" d="{" ".join(path)}"/>')
    seen: dict[tuple[date, int], int] = {}
    for i, p in shown:
        stack = min(seen.get((p["at"], p["polarity"]), 0), MAX_STACK - 1)
        seen[(p["at"], p["polarity"])] = stack + 1
        y = (y_support - stack * 8) if p["polarity"] > 0 else (y_oppose + stack * 8)
        colour = SUPPORT if p["polarity"] > 0 else OPPOSE
        stance = "supports" if p["polarity"] > 0 else "opposes"
        tip = f"[{i}] {p['at']} · {t.holder} {stance} {t.target} ({p['cue']}): “{p['evidence']}” — {p['title']}"
        parts.append(
            f'<circle class="stance {stance}" cx="{_f(x_of(p["at"]))}" cy="{_f(y)}" r="6" fill="{colour}">'
            f"<title>{_e(tip)}</title></circle>"
        )
    years = range(lo.year + 1, hi.year + 1)
    every = max(1, -(-len(years) // 10))
    for year in years:
        if (year - years.start) % every:
            continue
        x = x_of(date(year, 1, 1))
        parts.append(
            f'<line class="tick" x1="{_f(x)}" x2="{_f(x)}" y1="{top + plot_h}" y2="{top + plot_h + 4}"/>'
            f'<text class="axis" x="{_f(x)}" y="{top + plot_h + 16}" text-anchor="middle">{year}</text>'
        )
    if not years:  # a span inside one year: label its ends (or its one date)
        ends = [(first, "start"), (last, "end")] if (last - first).days > 60 else [(first, "middle")]
        for d, anchor in ends:
            parts.append(
                f'<text class="axis" x="{_f(x_of(d))}" y="{top + plot_h + 16}" text-anchor="{anchor}">{d:%b %Y}</text>'
            )
    parts.append("</svg>")
    return "".join(parts)


# --- HTML ------------------------------------------------------------------------------------------------------

CSS = """
:root { color-scheme: light; }
body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", "Liberation Sans", sans-serif;
       margin: 0 auto; max-width: 900px; padding: 24px 20px 60px; color: #222; line-height: 1.45; }
h1 { font-size: 1.7em; margin: 0 0 4px; } h2 { margin-top: 2.2em; border-bottom: 1px solid #ddd; }
h3 { margin: 1.6em 0 0.3em; font-size: 1.05em; }
.meta, .note, .empty { color: #666; font-size: 0.92em; }
.totals { display: flex; flex-wrap: wrap; gap: 10px; margin: 16px 0; padding: 0; list-style: none; }
.totals li { background: #f4f6f9; border-radius: 6px; padding: 8px 14px; }
.totals b { display: block; font-size: 1.35em; }
svg.chart { display: block; max-width: 100%; height: auto; font-size: 12px; }
svg .axis { fill: #666; } svg .label { fill: #222; } svg .value { fill: #555; font-size: 11px; }
svg .grid { stroke: #eee; } svg .baseline, svg .tick { stroke: #999; }
svg .bar:hover, svg .actor:hover .bar, svg circle:hover { opacity: 0.75; }
svg .trend { fill: none; stroke: #bbb; stroke-width: 1.5; stroke-dasharray: 4 3; }
svg .change rect { fill: #fdd835; opacity: 0.45; }
svg .change text { fill: #8a6d00; font-size: 10px; dominant-baseline: hanging; }
svg .axis.support { fill: #1a9850; } svg .axis.oppose { fill: #d73027; }
.legend span { display: inline-block; margin-right: 14px; font-size: 0.9em; }
.legend i { display: inline-block; width: 10px; height: 10px; border-radius: 2px; margin-right: 4px; }
table { border-collapse: collapse; width: 100%; font-size: 0.92em; }
th, td { text-align: left; vertical-align: top; padding: 6px 8px; border-bottom: 1px solid #eee; }
th { background: #f4f6f9; } td.n { text-align: right; white-space: nowrap; }
ul.evidence, ul.shift { font-size: 0.9em; padding-left: 0; list-style: none; }
ul.shift ul { list-style: none; padding-left: 1.2em; } ul.evidence li, ul.shift li { margin: 3px 0; }
details summary { cursor: pointer; color: #4c72b0; font-size: 0.9em; }
.pol { font-weight: 600; } .pol.supports { color: #1a9850; } .pol.opposes { color: #d73027; }
q { font-style: italic; }
"""


def _fmt_day(value) -> str:
    d = _day(value)
    return d.isoformat() if d else "undated"


def _undated_note(n: int) -> str:
    if not n:
        return ""
    return f" ({n} undated article{'s are' if n != 1 else ' is'} not shown)"


SHOWN_EVIDENCE = 8  # evidence sentences listed under a timeline; the rest fold into <details>


def _evidence_item(i: int | None, p: dict, t: Timeline) -> str:
    stance = "supports" if p["polarity"] > 0 else "opposes"
    when = p["at"].isoformat() if p["at"] else ("background" if p.get("is_background") else "undated")
    label = f"[{i}] " if i else ""
    return (
        f'<li>{label}<b>{when}</b> · <span class="pol {stance}">{stance}</span> ({_e(p["cue"])}): '
        f'<q>{_e(p["evidence"])}</q> <span class="note">— {_e(p["title"])}</span></li>'
    )


def _evidence_list(t: Timeline) -> str:
    entries = [(i, p) for i, p in enumerate(t.points, 1)] + [(None, p) for p in t.undated]
    every = "".join(_evidence_item(i, p, t) for i, p in entries)
    if len(entries) <= SHOWN_EVIDENCE:
        return f'<ul class="evidence">{every}</ul>'
    dated = [(i, p) for i, p in entries if i]
    latest = t.latest_change
    if latest and _day(latest.get("to_held_at")):
        pivot = _day(latest["to_held_at"])
        picked = sorted(dated, key=lambda e: (abs((e[1]["at"] - pivot).days), e[0]))[:SHOWN_EVIDENCE]
        what = "nearest the latest change"
    else:
        picked = dated[-SHOWN_EVIDENCE:]
        what = "latest"
    shown = "".join(_evidence_item(i, p, t) for i, p in sorted(picked, key=lambda e: e[0]))
    return (
        f'<p class="note">The {len(picked)} {what} of {len(entries)} evidence sentences:</p>'
        f'<ul class="evidence">{shown}</ul>'
        f"<details><summary>All {len(entries)} evidence sentences</summary>"
        f'<ul class="evidence">{every}</ul></details>'
    )


SHOWN_CHANGES = 3  # changes of one pair described in words (the latest ones); the chart shows them all


def _turn(change: dict) -> str:
    return "turned against" if change["to_polarity"] < 0 else "came round to"


def _change_summary(t: Timeline) -> str:
    if not t.changes:
        return ""
    items = []
    for c in t.changes[-SHOWN_CHANGES:]:
        sides = []
        for side, label in (("from", "before"), ("to", "after")):
            stance = "supports" if c[f"{side}_polarity"] > 0 else "opposes"
            support = ""
            if c.get(f"{side}_articles") is not None:
                support = (
                    f' <span class="note">({c[f"{side}_articles"]} articles, {c[f"{side}_outlets"]} outlets, '
                    f"confidence {c[f'{side}_confidence']:.2f})</span>"
                )
            sides.append(
                f"<b>{label}</b> ({_fmt_day(c.get(f'{side}_held_at'))}) "
                f'<span class="pol {stance}">{stance}</span>{support}: <q>{_e(c.get(f"{side}_evidence"))}</q>'
            )
        items.append(
            f"<li><b>{_turn(c)}</b> {_fmt_day(c.get('from_held_at'))} → "
            f"{_fmt_day(c.get('to_held_at'))}<ul><li>{'</li><li>'.join(sides)}</li></ul></li>"
        )
    more = len(t.changes) - SHOWN_CHANGES
    note = (
        f'<p class="note">…and {more} earlier change{"s" if more != 1 else ""} (shaded in the chart).</p>'
        if more > 0
        else ""
    )
    return f'<ul class="shift">{"".join(reversed(items))}</ul>{note}'


def _timeline_section(t: Timeline) -> str:
    kind = "topic" if t.target_type == "topic" else "actor"
    if t.changes:
        c, n = t.latest_change, len(t.changes)
        head = (
            f'{_e(t.holder)} {_turn(c)} {_e(t.target)} <span class="note">({kind}; '
            f"{_fmt_day(c.get('from_held_at'))} → {_fmt_day(c.get('to_held_at'))}"
            f"{f'; {n} changes in all' if n > 1 else ''})</span>"
        )
    else:
        n = len(t.points) + len(t.undated)
        head = (
            f'{_e(t.holder)} → {_e(t.target)} <span class="note">({kind}; {n} stance '
            f"sentence{'s' if n != 1 else ''})</span>"
        )
    return (
        f'<section class="dyad" data-holder="{_e(t.holder_id)}" data-target="{_e(t.target_id)}">'
        f"<h3>{head}</h3>{timeline_svg(t)}{_change_summary(t)}{_evidence_list(t)}</section>"
    )


def render(data: ReportData, title: str = "stancewatch report") -> str:
    t = data.totals
    span = f"{data.first_date} to {data.last_date}" if data.first_date else "no dated articles"
    totals = "".join(
        f"<li><b>{n:,}</b>{label}</li>"
        for label, n in [
            ("articles", t["articles"]),
            ("actors mentioned", t["actors"]),
            ("mentions", t["mentions"]),
            ("claims", t["claims"]),
            ("stances", t["stances"]),
            ("stance changes", t["stance_changes"]),
        ]
    )
    legend = "".join(f'<span><i style="background:{c}"></i>{k}</span>' for k, c in TYPE_COLOURS.items())

    if data.disputed:
        rows = "".join(
            f"<tr><td><b>{_e(d['speaker'])}</b> ({_e(d['cue'])}): <q>{_e(d['claim_text'])}</q>"
            f'<div class="note">{_e(d["title"])} · {_fmt_day(d["published_at"])}</div></td>'
            f'<td class="n">{d["disputes"]}</td><td class="n">{d["confirms"]}</td>'
            f'<td>{_e(d["responders"])}<div class="note"><q>{_e(d["responses"])}</q></div></td></tr>'
            for d in data.disputed
        )
        disputed = (
            f'<table class="disputed"><thead><tr><th>claim</th><th>disputed</th><th>confirmed</th>'
            f"<th>by whom</th></tr></thead><tbody>{rows}</tbody></table>"
        )
    else:
        disputed = '<p class="empty">No claim is disputed or confirmed by another claim yet.</p>'

    if data.changes:
        changes = "".join(_timeline_section(tl) for tl in data.changes)
    else:
        changes = '<p class="empty">No stance changes in this warehouse yet.</p>'
    pairs = ""
    if data.pairs:
        pairs = (
            '<h2 id="pairs">Most discussed stances</h2><p class="note">Holder → target pairs with the most '
            "stance evidence (no change detected). Hover a point for its evidence sentence.</p>"
            + "".join(_timeline_section(tl) for tl in data.pairs)
        )

    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{_e(title)}</title>
<style>{CSS}</style></head>
<body>
<h1>{_e(title)}</h1>
<p class="meta">Generated {data.generated_at:%Y-%m-%d %H:%M} from the marts · articles {span}</p>
<ul class="totals">{totals}</ul>

<h2 id="coverage">Coverage over time</h2>
<p class="note">Articles per month{_undated_note(data.undated_articles)}.</p>
{coverage_svg(data.coverage)}

<h2 id="actors">Top actors</h2>
<p class="note">By articles mentioning them (marts.dim_actors).</p>
<p class="legend">{legend}</p>
{actors_svg(data.top_actors)}

<h2 id="disputed">Most disputed claims</h2>
<p class="note">Claims that later claims dispute or confirm (marts.fct_claims.about_claim_id).</p>
{disputed}

<h2 id="changes">Stance changes</h2>
<p class="note">The holder's stance toward the target over time (marts.fct_stances); the shaded band is the change
(marts.fct_stance_changes). Hover a point for its evidence sentence; all of them are listed below each chart.</p>
{changes}
{pairs}
</body></html>
"""


@dataclass
class ReportSummary:
    path: Path
    bytes: int
    charts: int
    totals: dict[str, int]
    timelines: int


def write_report(con, path: Path, schema: str = "marts", title: str = "stancewatch report") -> ReportSummary:
    """Render the report from the connection and write it atomically (temporary file, then os.replace)."""
    data = collect(con, schema)
    page = render(data, title)
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.parent / f".{path.name}.{os.getpid()}.tmp"
    tmp.write_text(page, encoding="utf-8")
    os.replace(tmp, path)
    return ReportSummary(
        path, len(page.encode("utf-8")), page.count("<svg"), data.totals, len(data.changes) + len(data.pairs)
    )
