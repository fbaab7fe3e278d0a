"""The sources file: where article URLs come from, and how politely to fetch them.

    fetcher:                # settings of the whole fetch run
      workers: 8            # threads in all (each host still gets at most its `concurrency`)
      contact: null         # URL or e-mail appended to the user agent, so site owners can reach you
    defaults:               # politeness settings every source inherits (any of them may be overridden per source)
      rate: 1.0
      ...
    sources:
      - name: bbc-world
        feed: https://feeds.bbci.co.uk/news/world/rss.xml     # or  sitemap: URL  or  urls: FILE
        outlet: BBC News
        max_urls: 50
        auth_env: BBC_AUTH  # optional: an environment variable holding `user:password`, sent as HTTP Basic

Unknown keys are errors (a typo must not silently fall back to a default). See README "Web sources".
Credentials are never taken from a URL (`user:password@` is dropped from every URL) and never stored: `auth_env`
names the variable, which is read when a fetch run starts.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field, fields, replace
from pathlib import Path

import yaml

from ..urls import strip_userinfo

SOURCE_KINDS = ("feed", "sitemap", "urls")


class SourcesError(ValueError):
    """The sources file (or a command-line source) is invalid; the message says where and why."""


@dataclass(frozen=True)
class Politeness:
    """How to treat a host. Per source; when sources share a host, the strictest rate and concurrency win."""

    rate: float = 1.0  # requests per second per host (robots.txt Crawl-delay slows it further)
    concurrency: int = 1  # requests in flight per host
    timeout: float = 20.0  # seconds to connect, and at most between two bytes of a response
    total_timeout: float = 60.0  # seconds for a whole response
    retries: int = 3  # extra attempts after a timeout, connection error, 429 or 5xx
    backoff: float = 2.0  # seconds before the first retry; doubled for each further retry (with jitter)
    max_backoff: float = 60.0  # longest wait between two attempts
    max_retry_after: float = 300.0  # a longer Retry-After gives up on the URL (logged) instead of waiting
    max_bytes: int = 10 * 1024 * 1024  # larger bodies are abandoned (too_large)
    max_redirects: int = 5
    refetch: bool = False  # fetch pages again that an earlier run fetched (with If-None-Match/If-Modified-Since)

    def validate(self, where: str) -> Politeness:
        positive = {"rate": self.rate, "timeout": self.timeout, "total_timeout": self.total_timeout}
        for name, value in positive.items():
            if not value > 0:
                raise SourcesError(f"{where}: {name} must be greater than 0, got {value}")
        at_least = {
            "concurrency": (self.concurrency, 1),
            "retries": (self.retries, 0),
            "max_bytes": (self.max_bytes, 1),
            "max_redirects": (self.max_redirects, 0),
            "backoff": (self.backoff, 0),
            "max_backoff": (self.max_backoff, 0),
            "max_retry_after": (self.max_retry_after, 0),
        }
        for name, (value, low) in at_least.items():
            if value < low:
                raise SourcesError(f"{where}: {name} must be at least {low}, got {value}")
        return self


POLITENESS_KEYS = {f.name: f.type for f in fields(Politeness)}


@dataclass(frozen=True)
class Source:
    name: str
    kind: str  # feed | sitemap | urls
    location: str  # URL of the feed or sitemap, or path of the URL-list file
    politeness: Politeness = field(default_factory=Politeness)
    outlet: str | None = None  # outlet name for the articles (else the page's site name)
    max_urls: int | None = None  # newest first, after filtering
    max_age_days: float | None = None  # skip entries dated older than this (feeds, news sitemaps, lastmod)
    include: tuple[str, ...] = ()  # regular expressions; a URL must match one (when given)
    exclude: tuple[str, ...] = ()  # regular expressions; a URL matching one is skipped
    enabled: bool = True
    inline: tuple[str, ...] = ()  # URLs given on the command line (`--url`), instead of a URL-list file
    auth_env: str | None = None  # environment variable holding `user:password` for HTTP Basic (never stored)

    def credentials(self) -> tuple[str, str] | None:
        """(user, password) from the environment variable `auth_env` names; None without `auth_env`."""
        if not self.auth_env:
            return None
        user, colon, password = os.environ.get(self.auth_env, "").partition(":")
        if not colon or not user:
            raise SourcesError(
                f"source {self.name}: environment variable {self.auth_env} (its auth_env) must be set to user:password"
            )
        return user, password

    def wants(self, url: str) -> bool:
        if self.include and not any(re.search(p, url) for p in self.include):
            return False
        return not any(re.search(p, url) for p in self.exclude)


@dataclass(frozen=True)
class FetcherOptions:
    workers: int = 8
    contact: str | None = None


@dataclass(frozen=True)
class SourcesFile:
    sources: tuple[Source, ...]
    defaults: Politeness = field(default_factory=Politeness)
    fetcher: FetcherOptions = field(default_factory=FetcherOptions)
    path: Path | None = None


SOURCE_KEYS = {"name", "outlet", "max_urls", "max_age_days", "include", "exclude", "enabled", "auth_env", *SOURCE_KINDS}


def load_sources(path: Path | str) -> SourcesFile:
    """Read and validate a sources file. URL-list paths are resolved against the file's folder."""
    path = Path(path)
    if not path.exists():
        raise SourcesError(f"sources file {path} does not exist")
    if not path.is_file():
        raise SourcesError(f"sources file {path} is not a file")
    try:
        data = yaml.safe_load(read_utf8(path, "sources file")) or {}
    except yaml.YAMLError as err:
        first = str(err).strip().splitlines()
        raise SourcesError(
            f"sources file {path} is not valid YAML: {' '.join(line.strip() for line in first)}"
        ) from None
    return parse_sources(data, path)


def read_utf8(path: Path, what: str) -> str:
    """A text file's contents; one-line SourcesError when it cannot be read or is not UTF-8."""
    try:
        return path.read_text(encoding="utf-8")
    except UnicodeDecodeError as err:
        raise SourcesError(
            f"{what} {path} is not UTF-8 text (byte 0x{err.object[err.start]:02x} at offset "
            f"{err.start}); save it as UTF-8"
        ) from None
    except OSError as err:
        raise SourcesError(f"{what} {path} cannot be read: {err.strerror or err}") from None


def check_url_lists(sources) -> None:
    """Every URL-list file the sources name exists and is readable UTF-8 text (before anything is fetched)."""
    for source in sources:
        if source.kind != "urls" or source.inline:
            continue
        path = Path(source.location)
        if not path.is_file():
            raise SourcesError(
                f"source {source.name}: URL list {path} {'is not a file' if path.exists() else 'does not exist'}"
            )
        read_utf8(path, f"source {source.name}: URL list")


def parse_sources(data: dict, path: Path | None = None) -> SourcesFile:
    where = str(path) if path else "sources"
    if not isinstance(data, dict):
        raise SourcesError(f"{where}: expected a mapping with `sources`, `defaults`, `fetcher`")
    _no_unknown(data, {"sources", "defaults", "fetcher"}, where)
    fetcher_raw = data.get("fetcher") or {}
    _no_unknown(fetcher_raw, {"workers", "contact"}, f"{where}: fetcher")
    fetcher = FetcherOptions(
        workers=_typed(fetcher_raw.get("workers", 8), int, f"{where}: fetcher.workers"),
        contact=fetcher_raw.get("contact"),
    )
    if fetcher.workers < 1:
        raise SourcesError(f"{where}: fetcher.workers must be at least 1")
    defaults = politeness_from(data.get("defaults") or {}, Politeness(), f"{where}: defaults")
    raw_sources = data.get("sources") or []
    if not isinstance(raw_sources, list):
        raise SourcesError(f"{where}: `sources` must be a list")
    base = path.parent if path else Path.cwd()
    sources, names = [], set()
    for i, raw in enumerate(raw_sources, start=1):
        source = source_from(raw, defaults, base, f"{where}: source {i}")
        if source.name in names:
            raise SourcesError(f"{where}: source name {source.name!r} is used twice")
        names.add(source.name)
        sources.append(source)
    return SourcesFile(tuple(sources), defaults, fetcher, path)


def politeness_from(raw: dict, base: Politeness, where: str) -> Politeness:
    if not isinstance(raw, dict):
        raise SourcesError(f"{where}: expected a mapping")
    _no_unknown(raw, set(POLITENESS_KEYS), where)
    values = {}
    for key, value in raw.items():
        kind = {"float": float, "int": int, "bool": bool}[POLITENESS_KEYS[key]]
        values[key] = _typed(value, kind, f"{where}: {key}")
    return replace(base, **values).validate(where)


def source_from(raw: dict, defaults: Politeness, base: Path, where: str) -> Source:
    if not isinstance(raw, dict):
        raise SourcesError(f"{where}: expected a mapping")
    _no_unknown(raw, SOURCE_KEYS | set(POLITENESS_KEYS), where)
    kinds = [k for k in SOURCE_KINDS if raw.get(k)]
    if len(kinds) != 1:
        raise SourcesError(f"{where}: give exactly one of `feed`, `sitemap` or `urls`")
    kind = kinds[0]
    location = strip_userinfo(str(raw[kind]).strip())
    if kind == "urls":
        location = str((base / location).resolve()) if not Path(location).is_absolute() else location
    name = str(raw.get("name") or f"{kind}:{location}")
    where = f"{where} ({name})"
    politeness = politeness_from({k: v for k, v in raw.items() if k in POLITENESS_KEYS}, defaults, where)
    patterns = {}
    for key in ("include", "exclude"):
        value = raw.get(key) or []
        value = [value] if isinstance(value, str) else value
        for pattern in value:
            try:
                re.compile(pattern)
            except re.error as err:
                raise SourcesError(f"{where}: {key} pattern {pattern!r}: {err}") from None
        patterns[key] = tuple(value)
    max_urls = raw.get("max_urls")
    max_age = raw.get("max_age_days")
    return Source(
        name=name,
        kind=kind,
        location=location,
        politeness=politeness,
        outlet=raw.get("outlet"),
        max_urls=_typed(max_urls, int, f"{where}: max_urls") if max_urls is not None else None,
        max_age_days=_typed(max_age, float, f"{where}: max_age_days") if max_age is not None else None,
        include=patterns["include"],
        exclude=patterns["exclude"],
        enabled=_typed(raw.get("enabled", True), bool, f"{where}: enabled"),
        auth_env=_env_name(raw.get("auth_env"), f"{where}: auth_env"),
    )


def _env_name(value, where: str) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str) or not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", value):
        raise SourcesError(
            f"{where}: expected the name of an environment variable (the credentials themselves "
            "never go into the sources file)"
        )
    return value


def adhoc_sources(feeds=(), sitemaps=(), url_files=(), urls=(), defaults: Politeness | None = None) -> list[Source]:
    """Sources given on the command line (`--feed`, `--sitemap`, `--urls`, `--url`)."""
    defaults = defaults or Politeness()
    feeds, sitemaps, urls = ([strip_userinfo(u) for u in group] for group in (feeds, sitemaps, urls))
    out = [Source(f"feed:{u}", "feed", u, defaults) for u in feeds]
    out += [Source(f"sitemap:{u}", "sitemap", u, defaults) for u in sitemaps]
    out += [Source(f"urls:{Path(p).name}", "urls", str(Path(p).resolve()), defaults) for p in url_files]
    if urls:
        out.append(_inline_urls(list(urls), defaults))
    return out


def _inline_urls(urls: list[str], defaults: Politeness) -> Source:
    return Source("cli-urls", "urls", "(command line)", defaults, inline=tuple(urls))


def with_overrides(source: Source, **overrides) -> Source:
    """A source with some politeness settings replaced (command-line flags); None values are ignored."""
    values = {k: v for k, v in overrides.items() if v is not None}
    if not values:
        return source
    return replace(source, politeness=replace(source.politeness, **values).validate(source.name))


def _no_unknown(raw: dict, known: set[str], where: str) -> None:
    if not isinstance(raw, dict):
        raise SourcesError(f"{where}: expected a mapping")
    unknown = sorted(set(raw) - known)
    if unknown:
        raise SourcesError(f"{where}: unknown key(s) {', '.join(unknown)}; known: {', '.join(sorted(known))}")


def _typed(value, kind, where: str):
    if kind is bool:
        if isinstance(value, bool):
            return value
        raise SourcesError(f"{where}: expected true or false, got {value!r}")
    if kind is int and isinstance(value, int) and not isinstance(value, bool):
        return value
    if kind is float and isinstance(value, (int, float)) and not isinstance(value, bool):
        return float(value)
    raise SourcesError(f"{where}: expected a {'whole number' if kind is int else 'number'}, got {value!r}")
