"""RSS and Atom feeds (feedparser): the article links of a fetched feed, with their dates and titles."""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import UTC, datetime

import feedparser


@dataclass(frozen=True)
class Discovered:
    """An article URL found by discovery, with what the feed or sitemap said about it."""

    url: str
    published_at: datetime | None = None  # UTC
    title: str | None = None


class DiscoveryError(ValueError):
    """A fetched feed or sitemap could not be read; the message says why."""


def parse_feed(body: bytes, base_url: str) -> list[Discovered]:
    """Entries' links (feedburner's original link when present), newest first when dated."""
    parsed = feedparser.parse(body, response_headers={"content-location": base_url})
    if not parsed.entries:
        if parsed.bozo and not getattr(parsed, "version", ""):
            raise DiscoveryError(f"not a feed: {type(parsed.bozo_exception).__name__}: {parsed.bozo_exception}")
        return []
    found = []
    for entry in parsed.entries:
        link = entry.get("feedburner_origlink") or entry.get("link")
        if not link:
            link = next(
                (
                    lk.get("href")
                    for lk in entry.get("links", [])
                    if lk.get("rel", "alternate") == "alternate" and lk.get("href")
                ),
                None,
            )
        if not link:
            continue
        stamp = entry.get("published_parsed") or entry.get("updated_parsed")
        published = datetime.fromtimestamp(calendar.timegm(stamp), tz=UTC) if stamp else None
        title = entry.get("title")
        found.append(Discovered(link.strip(), published, title.strip() if isinstance(title, str) else None))
    return found
