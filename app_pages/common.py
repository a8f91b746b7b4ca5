"""What every page of the app shares: the map in use, its findings, the sidebar, cached loading.

Streamlit glue only: the analysis, the figures and the tables come from the library. The map in use is,
in order: an upload applied in this session (``st.session_state``, per user), the folder typed in the
sidebar, the folder named by ``GRAPHMAP_MAP``, else the sample portfolio. The map, its findings, their
tables and figures are cached on the folder and its files' modification times (or the upload's digest),
the settings and the as-of date, so a widget change does not read or analyse again. They are held with
``st.cache_resource`` (shared, never copied: none is changed in place), which keeps a warm rerun cheap.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
from dataclasses import asdict, dataclass, fields
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

import graphmap
from graphmap.analysis.findings import Findings
from graphmap.exceptions import GraphmapError, MapValidationError
from graphmap.mapfolder import MAP_FILES
from graphmap.report.export import report_bytes
from graphmap.report.frames import findings_frames
from graphmap.settings import Settings
from graphmap.viz.figures import account_map_figure, account_people

ROOT = Path(__file__).resolve().parent.parent
SAMPLE_FOLDER = ROOT / "data" / "sample"
ENV_MAP = "GRAPHMAP_MAP"
ENV_NEO4J_URI, ENV_NEO4J_USER = "GRAPHMAP_NEO4J_URI", "GRAPHMAP_NEO4J_USER"
ENV_NEO4J_PASSWORD, ENV_NEO4J_DATABASE = "GRAPHMAP_NEO4J_PASSWORD", "GRAPHMAP_NEO4J_DATABASE"
UPLOAD_KEY = "uploaded_map"


def user_moment(clock: dt.datetime | None = None) -> dt.datetime | None:
    """The instant `clock` (the clock's when None) where the user's browser is: in its time zone, else
    at its offset; None where the browser tells neither. An import is as of it: on a server in UTC, a
    call of this morning in Sydney would otherwise be dated tomorrow, and skipped as planned."""
    instant = clock or dt.datetime.now(dt.timezone.utc)
    # (getattr: Streamlit releases before st.context had a time zone tell none, as a browser may not.)
    name, offset = getattr(st.context, "timezone", None), getattr(st.context, "timezone_offset", None)
    if name:
        try:
            return instant.astimezone(ZoneInfo(name))
        except (ZoneInfoNotFoundError, ValueError):  # a name this machine's zone database lacks
            pass
    if offset is not None:  # minutes behind UTC, as the browser's getTimezoneOffset()
        return instant.astimezone(dt.timezone(-dt.timedelta(minutes=offset)))
    return None


SETTING_LABELS = {
    "stale_days": ("Days before a contact is stale", 1),
    "weak_max_strength": ("A connection this strong or less is weak", 1),
    "key_min_influence": ("Influence that makes a stakeholder key", 1),
    "hero_share": ("Share of an account's connections that makes a hero", 0.05),
    "hero_sole_key_min": ("Key people held alone that make a hero", 1),
    "capacity": ("Healthy connections one member can carry", 1),
    "hero_accounts_min": ("Accounts on which a hero is a portfolio hero", 1),
}


@dataclass(frozen=True)
class Context:
    """The map in use in this run, with its findings."""

    amap: graphmap.AccountMap
    findings: Findings
    settings: Settings
    as_of: dt.date
    source: str
    """What the user sees as the map's name."""
    map_key: str
    """A cache key of the map's content (folder and file times, or the upload's digest)."""
    is_sample: bool


def folder_key(folder: Path) -> str:
    """The folder and its map files' modification times: a change to any file makes a new key."""
    stamps = []
    for name in MAP_FILES.values():
        path = folder / name
        stamps.append(f"{name}:{path.stat().st_mtime_ns if path.exists() else '-'}")
    return f"{folder.resolve()}|{'|'.join(stamps)}"


@st.cache_resource(show_spinner="Reading the map…", max_entries=8)
def load_folder(key: str, folder: str) -> graphmap.AccountMap:
    """Read a map folder (cached on `key`, which changes when a file changes)."""
    return graphmap.read_map(folder)


# Maps, findings and their tables are held, not copied: cache_resource hands every rerun the same object,
# and none is ever changed in place (maps and findings are frozen; pages derive new frames from the tables).
# cache_data would unpickle a copy on every rerun, which for findings costs more than analysing again.
@st.cache_resource(show_spinner="Analysing…", max_entries=16)
def cached_findings(map_key: str, _amap: graphmap.AccountMap, settings: dict, as_of: dt.date) -> Findings:
    """The findings of a map (cached on the map's key, the settings and the date; the map is not hashed)."""
    return graphmap.analyze(_amap, Settings(**settings), as_of)


@st.cache_resource(max_entries=64)
def cached_frames(map_key: str, settings: dict, as_of: dt.date, account_id: str | None,
                  _findings: Findings) -> dict[str, pd.DataFrame]:
    """The findings as tables (`findings_frames`), cached like the findings they come from."""
    return findings_frames(_findings, account_id)


@st.cache_resource(max_entries=64)
def cached_account_figure(map_key: str, settings: dict, as_of: dt.date, account_id: str, layout: str,
                          selected: str | None, _amap: graphmap.AccountMap, _findings: Findings) -> go.Figure:
    """The account map figure (never changed after it is built, so shared rather than copied)."""
    return account_map_figure(_amap, _findings, account_id, layout=layout, selected=selected)


@st.cache_resource(max_entries=64)
def cached_account_people(map_key: str, settings: dict, as_of: dt.date, account_id: str, _amap: graphmap.AccountMap,
                          _findings: Findings) -> pd.DataFrame:
    """One account's people with what the map shows of them (`account_people`)."""
    return account_people(_amap, _findings, account_id)[0]


@st.cache_data(max_entries=16, show_spinner=False)
def report_download(map_key: str, settings: dict, as_of: dt.date, fmt: str, _amap: graphmap.AccountMap,
                    _findings: Findings) -> bytes:
    """A report's bytes (`graphmap.report.export.report_bytes`), cached on the map, settings, date and format.

    The HTML report draws each account with the app's own map (`account_map_figure`), so the download shows
    what the Account map page shows.
    """
    return report_bytes(_amap, _findings, fmt, account_figure=account_map_figure if fmt == "html" else None)


def frames(ctx: "Context", account_id: str | None = None) -> dict[str, pd.DataFrame]:
    """The findings tables of the map in use (cached)."""
    return cached_frames(ctx.map_key, asdict(ctx.settings), ctx.as_of, account_id, ctx.findings)


def people_of(ctx: "Context", account_id: str) -> pd.DataFrame:
    """One account's people as the map shows them (cached)."""
    return cached_account_people(ctx.map_key, asdict(ctx.settings), ctx.as_of, account_id, ctx.amap, ctx.findings)


def account_figure(ctx: "Context", account_id: str, layout: str, selected: str | None) -> go.Figure:
    """The account map figure of the map in use (cached)."""
    return cached_account_figure(ctx.map_key, asdict(ctx.settings), ctx.as_of, account_id, layout, selected,
                                 ctx.amap, ctx.findings)


def upload_digest(files: dict[str, bytes]) -> str:
    """A cache key for uploaded content."""
    digest = hashlib.sha256()
    for name in sorted(files):
        digest.update(name.encode() + b"\0" + files[name] + b"\0")
    return "upload:" + digest.hexdigest()


@dataclass(frozen=True)
class Neo4jSource:
    """Where the sidebar says to open the map from Neo4j (the password is held apart, never shown)."""

    uri: str
    user: str
    database: str | None


def _password_for(typed: str) -> str | None:
    """The password typed in the sidebar, else $GRAPHMAP_NEO4J_PASSWORD, else None (no authentication)."""
    return typed or os.environ.get(ENV_NEO4J_PASSWORD) or None


@st.cache_resource(show_spinner="Connecting to Neo4j…", max_entries=4)
def neo4j_store(uri: str, user: str, database: str | None, password_digest: str, _password: str | None):
    """An open Neo4j store (its driver is shared by every session and rerun; cached on where and who).

    The password itself is not part of the cache key (`_password` is not hashed by Streamlit); its digest is,
    so that a corrected password opens a new connection. A failed connection raises and is not cached.
    """
    from graphmap.store import Neo4jSettings, open_store

    return open_store("neo4j", neo4j=Neo4jSettings(uri=uri, user=user, database=database, password=_password))


@st.cache_resource(show_spinner="Reading the map from Neo4j…", max_entries=4)
def load_neo4j(key: str, _store) -> graphmap.AccountMap:
    """The map pulled from the store (cached on `key`, which the sidebar's Reload button renews)."""
    return _store.load()


def map_source_sidebar() -> tuple[Path | Neo4jSource | None, str]:
    """The sidebar's map chooser: the folder to read, or where in Neo4j (None when an upload is in use), and
    the map's name as the user sees it."""
    env = os.environ.get(ENV_MAP, "").strip()
    st.sidebar.subheader("Map")
    upload = st.session_state.get(UPLOAD_KEY)
    if upload is not None:
        st.sidebar.info(f"Using the upload applied in this session ({upload['label']}).")
        if st.sidebar.button("Discard the upload", key="discard_upload"):
            del st.session_state[UPLOAD_KEY]
            st.rerun()
        return None, upload["label"]
    kind = st.sidebar.radio("Open the map from", ["folder", "neo4j"], horizontal=True, key="map_source",
                            format_func=lambda k: "a folder" if k == "folder" else "Neo4j")
    if kind == "neo4j":
        uri = st.sidebar.text_input("Neo4j URI", value=os.environ.get(ENV_NEO4J_URI, ""), key="neo4j_uri",
                                    placeholder="bolt://localhost:7687").strip()
        user = st.sidebar.text_input("User", value=os.environ.get(ENV_NEO4J_USER, "") or "neo4j",
                                     key="neo4j_user").strip() or "neo4j"
        database = st.sidebar.text_input("Database", value=os.environ.get(ENV_NEO4J_DATABASE, ""),
                                         key="neo4j_database", placeholder="the server's default").strip() or None
        has_env = bool(os.environ.get(ENV_NEO4J_PASSWORD))
        st.sidebar.text_input("Password", type="password", key="neo4j_password",
                              placeholder=f"from ${ENV_NEO4J_PASSWORD}" if has_env else "none",
                              help=f"Left empty: ${ENV_NEO4J_PASSWORD} when set, else no authentication. "
                                   "Never shown, logged or written.")
        if st.sidebar.button("Reload from Neo4j", key="neo4j_reload"):
            st.session_state["_neo4j_generation"] = st.session_state.get("_neo4j_generation", 0) + 1
        if not uri:
            return Neo4jSource("", user, database), "Neo4j"
        return Neo4jSource(uri, user, database), f"Neo4j {uri}" + (f" (database {database!r})" if database else "")
    typed = st.sidebar.text_input("Map folder", value=env, key="map_folder",
                                  placeholder="empty: the sample portfolio",
                                  help="A folder of accounts.csv, people.csv, team.csv and connections.csv. "
                                       f"Starts from ${ENV_MAP} when set.").strip()
    if typed:
        return Path(typed).expanduser(), typed
    return SAMPLE_FOLDER, "Sample portfolio (Northwind Analytics)"


def settings_sidebar(is_sample: bool) -> tuple[Settings, dt.date]:
    """The as-of date and every threshold of `Settings`, applied live."""
    default_day = graphmap.SAMPLE_AS_OF if is_sample else dt.date.today()
    kind = "sample" if is_sample else "map"
    if st.session_state.get("_as_of_for") != kind:
        # The sample's contacts were written as of SAMPLE_AS_OF: judged from today they would all be stale.
        st.session_state["as_of"] = default_day
        st.session_state["_as_of_for"] = kind
    st.sidebar.subheader("Settings")
    as_of = st.sidebar.date_input("As of", key="as_of", help="Contacts are judged stale against this date. "
                                  "The sample opens on 2026-11-27, the date its contacts were written against.")
    chosen = {}
    with st.sidebar.expander("Thresholds", expanded=False):
        for field in fields(Settings):
            label, step = SETTING_LABELS[field.name]
            if isinstance(field.default, float):
                chosen[field.name] = st.number_input(label, value=float(field.default), min_value=0.0,
                                                     max_value=1.0, step=float(step), key=f"setting_{field.name}")
            else:
                chosen[field.name] = int(st.number_input(label, value=int(field.default), min_value=0, step=int(step),
                                                         key=f"setting_{field.name}"))
    try:
        settings = Settings(**chosen)
    except GraphmapError as err:
        st.sidebar.error(f"{err}. Using the defaults.")
        settings = Settings()
    return settings, as_of


def build_context() -> Context | None:
    """Draw the sidebar, load the map in use and analyse it; None (with an error shown) when it cannot."""
    folder, source = map_source_sidebar()
    is_sample = isinstance(folder, Path) and folder.resolve() == SAMPLE_FOLDER.resolve()
    settings, as_of = settings_sidebar(is_sample)
    try:
        if folder is None:
            upload = st.session_state[UPLOAD_KEY]
            amap, key = upload["map"], upload["key"]
        elif isinstance(folder, Neo4jSource):
            if not folder.uri:
                st.info("Type the Neo4j URI in the sidebar (or set $GRAPHMAP_NEO4J_URI) to open its map.")
                return None
            password = _password_for(st.session_state.get("neo4j_password", ""))
            digest = hashlib.sha256((password or "").encode()).hexdigest()
            store = neo4j_store(folder.uri, folder.user, folder.database, digest, password)
            key = (f"neo4j:{folder.uri}|{folder.user}|{folder.database or ''}"
                   f"|{st.session_state.get('_neo4j_generation', 0)}")
            amap = load_neo4j(key, store)
        else:
            if not folder.is_dir():
                raise graphmap.MapError(f"{folder}: no such map folder")
            key = folder_key(folder)
            amap = load_folder(key, str(folder))
        findings = cached_findings(key, amap, asdict(settings), as_of)
    except GraphmapError as err:
        show_error(err, f"The map {source!r} cannot be used")
        st.info("Fix the files or the connection, choose another map in the sidebar, or clear the folder to see "
                "the sample.")
        return None
    return Context(amap, findings, settings, as_of, source, key, is_sample)


def show_error(err: GraphmapError, headline: str) -> None:
    """A graphmap error as the user should see it: the message, and each fault in a table."""
    first = str(err).splitlines()[0]
    st.error(f"**{headline}.** {first}")
    if isinstance(err, MapValidationError) and err.faults:
        st.dataframe([{"file": f.file, "row": f.row, "column": f.column, "value": f.value, "problem": f.problem}
                      for f in err.faults], hide_index=True, key=None)
        if err.truncated:
            st.caption(f"… and {err.truncated} more faults not shown.")


def context() -> Context:
    """The context built by the frame (app.py) in this run."""
    return st.session_state["_context"]


def pct(value: float | None) -> str:
    """A share as a percentage ("–" for none)."""
    return "–" if value is None else f"{value:.0%}"


def account_picker(ctx: Context, key: str, label: str = "Account") -> str:
    """A selectbox of the map's accounts (riskiest first); returns the account id. Shared across pages."""
    order = [r.account_id for r in ctx.findings.portfolio.accounts_by_risk]
    names = dict(zip(ctx.amap.accounts["account_id"], ctx.amap.accounts["name"]))
    if st.session_state.get("account") in order and key not in st.session_state:
        st.session_state[key] = st.session_state["account"]
    chosen = st.selectbox(label, order, format_func=lambda a: names.get(a, a), key=key)
    st.session_state["account"] = chosen
    return chosen
