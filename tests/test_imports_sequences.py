"""Property-based tests of imports in sequence: the order of two imports, re-imports, what the summary says.

The exports are drawn from one small world of people whose facts never disagree (one title, one
e-mail, one company, one manager each), written in each export with cells left blank, names of
companies spelled differently and ids in their 15- or 18-character forms. Within that world, the
order in which two exports are imported must not change the map, save for the people's ids (which
are numbered in the order people are met); importing the same files twice changes nothing; and the
summary says the map changed exactly when its files did.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

import graphmap
from graphmap.imports import import_files
from graphmap.imports.normalize import normalize_company
from tests.imports_helpers import snapshot

# GRAPHMAP_EXAMPLES=300 (say) hunts with more examples than the suite runs (each example is several imports).
SETTINGS = settings(max_examples=int(os.environ.get("GRAPHMAP_EXAMPLES", "5")), deadline=None,
                    suppress_health_check=[HealthCheck.too_slow])
SAMPLE = Path(__file__).resolve().parent.parent / "data" / "sample"

#: company key: its spellings in exports
COMPANIES = {
    "cobalt": ["Cobalt Mining Inc.", "Cobalt Mining, Inc.", "cobalt mining"],
    "orion": ["Orion Bank", "ORION BANK"],
    "quarry": ["Quarry Ltd", "Quarry"],
}
#: The world's customers: first, last, e-mail, company, title, buying role, manager (a name), an
#: 18-character Salesforce id, a HubSpot id, a LinkedIn URL. Helen Brandt and Victor Nguyen are in
#: the sample map already.
PEOPLE = [
    ("Helen", "Brandt", "h.brandt@cobaltmining.example", "cobalt", "Chief Financial Officer", "Economic Buyer",
     "", "0035g00000AAAA1AAP", "101", "https://www.linkedin.com/in/hbrandt"),
    ("Ana", "Silva", "ana.silva@cobaltmining.example", "cobalt", "IT Director", "Technical Buyer",
     "Helen Brandt", "0035g00000AAAA2AAP", "102", "https://www.linkedin.com/in/anasilva"),
    ("Léa", "Øst", "lea.ost@orionbank.example", "orion", "Procurement Lead", "Champion",
     "Victor Nguyen", "0035g00000AAAA3AAP", "103", "https://www.linkedin.com/in/leaost"),
    ("Victor", "Nguyen", "v.nguyen@orionbank.example", "orion", "Enterprise Architect", "",
     "", "0035g00000AAAA4AAP", "104", "https://www.linkedin.com/in/vnguyen"),
    ("Ben", "Ito", "ben.ito@quarry.example", "quarry", "Nurse", "End User",
     "Cy Young", "0035g00000AAAA5AAP", "105", ""),
    ("Cy", "Young", "", "quarry", "CEO", "Decision Maker",
     "", "0035g00000AAAA6AAP", "106", ""),
]
#: Contact owners: how an export may write each.
OWNERS = {
    "Dana Reyes": ["Dana Reyes", "Dana Reyes <dana.reyes@northwind.example>", "dana.reyes@northwind.example"],
    "Marcus Chen": ["Marcus Chen", "MARCUS.CHEN@northwind.example"],
    "Zoe Park": ["Zoe Park", "Zoe Park <zoe.park@northwind.example>"],
}
DAYS = ["2026-09-01", "2026-10-15", "2026-11-02", "2026-11-20"]
#: People an activity log may name (all in the sample map), as e-mails or ids.
LOG_ENDS = {"members": ["dana.reyes@northwind.example", "s01", "marcus.chen@northwind.example", "s02"],
            "customers": ["h.brandt@cobaltmining.example", "cm1", "v.nguyen@orionbank.example", "ob3",
                          "r.malhotra@cobaltmining.example"]}


def _cell(value: str) -> str:
    if any(c in value for c in ',"\n\r'):
        return '"' + value.replace('"', '""') + '"'
    return value


def _csv(header: list[str], rows: list[list[str]]) -> str:
    return "\n".join(",".join(_cell(v) for v in row) for row in [header, *rows]) + "\n"


def _maybe(draw, value: str) -> str:
    return value if draw(st.booleans()) else ""


@st.composite
def contact_exports(draw, linkedin_ok: bool = True):
    """(file name, text, owner option) of one export of the world: HubSpot, a Salesforce report,
    a LinkedIn network of Dana's (to the sample's accounts only: LinkedIn makes no accounts) or an
    activity log."""
    kind = draw(st.sampled_from(["hubspot", "salesforce", "linkedin", "activities"] if linkedin_ok
                                else ["hubspot", "salesforce", "activities"]))
    if kind == "activities":
        rows = []
        base = draw(st.sampled_from(DAYS))
        for _ in range(draw(st.integers(1, 6))):
            member, customer = draw(st.sampled_from(LOG_ENDS["members"])), draw(st.sampled_from(LOG_ENDS["customers"]))
            kind_ = draw(st.sampled_from(["Meeting", "Email", "Call"]))
            direction = draw(st.sampled_from(["", "outbound", "inbound"])) if kind_ == "Email" else ""
            rows.append([draw(st.sampled_from([base, "2026-08-01"])), kind_, direction, member, customer])
        return "activities.csv", _csv(["Date", "Type", "Direction", "From", "To"], rows), None
    chosen = draw(st.lists(st.sampled_from(range(len(PEOPLE))), min_size=1, max_size=6))
    if kind == "linkedin":
        chosen = [i for i in chosen if PEOPLE[i][3] != "quarry"] or [0]
    if kind == "salesforce":  # a manager named is in the same file, so that every order finds them
        for i in list(chosen):
            if PEOPLE[i][6]:
                chosen.append(next(j for j, p in enumerate(PEOPLE) if f"{p[0]} {p[1]}" == PEOPLE[i][6]))
    rows = []
    for i in chosen:
        first, last, email, company, title, role, manager, sf_id, hs_id, url = PEOPLE[i]
        spelled = draw(st.sampled_from(COMPANIES[company]))
        owner = draw(st.sampled_from([""] + [w for ways in OWNERS.values() for w in ways]))
        day = _maybe(draw, draw(st.sampled_from(DAYS)))
        email = _maybe(draw, email)
        if email and draw(st.booleans()):
            email = email.upper()
        if kind == "hubspot":
            rows.append([_maybe(draw, hs_id), first, last, email, spelled, _maybe(draw, title), _maybe(draw, role),
                         owner, day])
        elif kind == "salesforce":
            sf = draw(st.sampled_from(["", sf_id, sf_id[:15]]))
            rows.append([first, last, _maybe(draw, title), email, spelled, owner, day, _maybe(draw, manager), sf,
                         _maybe(draw, role)])
        else:
            rows.append([first, last, _maybe(draw, url), email, spelled, _maybe(draw, title), "12 Mar 2024"])
    header = {"hubspot": ["Record ID", "First Name", "Last Name", "Email", "Associated Company", "Job Title",
                          "Buying Role", "Contact owner", "Last Contacted"],
              "salesforce": ["First Name", "Last Name", "Title", "Email", "Account Name", "Contact Owner",
                             "Last Activity", "Reports To", "Contact ID", "Contact Role"],
              "linkedin": ["First Name", "Last Name", "URL", "Email Address", "Company", "Position",
                           "Connected On"]}[kind]
    owner = draw(st.sampled_from(["s01", "dana.reyes@northwind.example", "Dana.Reyes@northwind.example",
                                  "Dana Reyes <dana.reyes@northwind.example>", "mailto:dana.reyes@northwind.example"]))
    return f"{kind}.csv", _csv(header, rows), (owner if kind == "linkedin" else None)


def _world(folder: Path) -> dict[str, frozenset]:
    """The map in `folder` with people named instead of numbered: what no import order may change."""
    amap = graphmap.read_map(folder)

    def filled(frame):  # (a column blank everywhere says nothing: an import that changes nothing adds none)
        frame = frame.fillna("")
        return frame[[c for c in frame.columns if (frame[c].astype(str) != "").any()]]

    people, accounts = filled(amap.people), filled(amap.accounts)
    name_of = dict(zip(people["person_id"], people["name"]))
    company_of = {a: normalize_company(n) for a, n in zip(accounts["account_id"], accounts["name"])}
    # (columns in name order: an extra column's place is where an import first added it)
    cols = sorted(c for c in people.columns if c not in ("person_id", "account_id", "reports_to", "email"))
    world_people = frozenset(
        (tuple((c, str(row[c])) for c in cols), company_of.get(row["account_id"], ""), str(row["email"]).lower(),
         name_of.get(row["reports_to"], ""))
        for _, row in people.iterrows())
    conns = filled(amap.connections)
    ccols = sorted(c for c in conns.columns if c not in ("from_id", "to_id"))
    world_conns = frozenset((name_of[r["from_id"]], name_of[r["to_id"]], *((c, str(r[c])) for c in ccols))
                            for _, r in conns.iterrows())
    team = frozenset((company_of[r["account_id"]], name_of[r["person_id"]]) for _, r in amap.team.iterrows())
    return {"people": world_people, "connections": world_conns, "accounts": frozenset(company_of.values()),
            "team": team}


def _log_day(export: tuple[str, str, str | None]) -> str:
    """An activity log's reference date: its latest."""
    return max(line.split(",")[0] for line in export[1].splitlines()[1:])


def _said(paths: list[Path], folder: Path, owner: str | None = None) -> None:
    """Import `paths` into `folder`, and check that the summary says the map changed when, and only
    when, its files did."""
    before = {k: v for k, v in snapshot(folder).items() if k != "import-errors.csv"}
    report = import_files(paths, folder, owner=owner)
    after = {k: v for k, v in snapshot(folder).items() if k != "import-errors.csv"}
    said = {name: sum(getattr(f.counts, name) for f in report.files)
            for name in ("accounts_added", "accounts_updated", "people_added", "people_updated", "connections_added",
                         "connections_updated", "team_added")}
    if not report.created:
        assert (after != before) == any(said.values()), (said, sorted(k for k in after if after[k] != before.get(k)))


def _import(work: Path, folder: Path, export: tuple[str, str, str | None], tag: str) -> None:
    name, text, owner = export
    path = work / tag / name
    path.parent.mkdir(exist_ok=True)
    path.write_text(text, encoding="utf-8")
    _said([path], folder, owner)


@SETTINGS
@given(contact_exports(), contact_exports())
def test_two_exports_give_one_map_in_either_order(first, second):
    # Of two logs with one reference date, the later imported scores a pair they share (no rule says which).
    assume(first[0] != "activities.csv" or second[0] != "activities.csv" or _log_day(first) != _log_day(second))
    with tempfile.TemporaryDirectory() as temporary:  # (per example: hypothesis reruns the test)
        work = Path(temporary)
        shutil.copytree(SAMPLE, work / "ab")
        shutil.copytree(SAMPLE, work / "ba")
        _import(work, work / "ab", first, "1")
        _import(work, work / "ab", second, "2")
        _import(work, work / "ba", second, "2")
        _import(work, work / "ba", first, "1")
        ab, ba = _world(work / "ab"), _world(work / "ba")
        for table in ab:
            assert ab[table] == ba[table], (table, sorted(ab[table] - ba[table]), sorted(ba[table] - ab[table]))


@SETTINGS
@given(st.lists(contact_exports(), min_size=1, max_size=3))
def test_importing_exports_again_changes_nothing(exports):
    with tempfile.TemporaryDirectory() as temporary:  # (per example: hypothesis reruns the test)
        work = Path(temporary)
        folder = work / "map"
        shutil.copytree(SAMPLE, folder)
        for position, export in enumerate(exports):
            _import(work, folder, export, str(position))
            first = snapshot(folder)
            _import(work, folder, export, str(position))
            assert snapshot(folder) == first, f"importing export {position} ({export[0]}) again changed the map"


# -- a Salesforce org's Data Loader exports --------------------------------------------------------

#: Accounts: Id, Name. Orion Bank is in the sample map (without a salesforce_id).
SF_ACCOUNTS = [("0015g00000ZZZZ1AAP", "Orion Bank"), ("0015g00000ZZZZ2AAP", "Quarry Ltd")]
#: Users: Id, Name, Email. Dana Reyes is in the sample map (without a salesforce_id).
SF_USERS = [("0055g00000UUUU1AAP", "Dana Reyes", "dana.reyes@northwind.example"),
            ("0055g00000UUUU3AAP", "Zoe Park", "zoe.park@northwind.example")]
#: Contacts: Id, AccountId, FirstName, LastName, Title, Email, ReportsToId (an Id).
SF_CONTACTS = [
    ("0035g00000AAAA1AAP", 0, "Ines", "Duarte", "Chief Information Officer", "ines.duarte@orion.example", ""),
    ("0035g00000AAAA2AAP", 0, "Karl", "Berg", "Enterprise Architect", "", "0035g00000AAAA1AAP"),
    ("0035g00000AAAA3AAP", 1, "Mia", "Storm", "CFO", "mia.storm@quarry.example", ""),
    ("0035g00000AAAA4AAP", 0, "Victor", "Nguyen", "Enterprise Architect", "v.nguyen@orionbank.example", ""),
]
SF_ROLES = ["Technical Buyer", "Economic Decision Maker", "Evaluator", "Champion", "Other"]
SF_DAYS = ["2026-09-01", "2026-10-15", "2026-11-02", "2026-11-20"]


def _sf_id(draw, full: str) -> str:
    return draw(st.sampled_from([full, full[:15]]))


@st.composite
def dataloader_exports(draw):
    """Data Loader exports of the org, as (file name, text) pairs of one import: a Contact export,
    and some of its User, Account, OpportunityContactRole, Task and Event exports."""
    files = []
    chosen = draw(st.lists(st.sampled_from(range(len(SF_CONTACTS))), min_size=1, max_size=4, unique=True))
    rows = []
    for i in chosen:
        cid, account, first, last, title, email, manager = SF_CONTACTS[i]
        rows.append([_sf_id(draw, cid), SF_ACCOUNTS[account][0], first, last, _maybe(draw, title),
                     _maybe(draw, email), draw(st.sampled_from([""] + [u[0] for u in SF_USERS])),
                     _maybe(draw, manager), _maybe(draw, draw(st.sampled_from(SF_DAYS))),
                     draw(st.sampled_from(["false", "false", "true"]))])
    files.append(("Contact.csv", _csv(["Id", "AccountId", "FirstName", "LastName", "Title", "Email", "OwnerId",
                                       "ReportsToId", "LastActivityDate", "IsDeleted"], rows)))
    if draw(st.booleans()):
        files.append(("User.csv", _csv(["Id", "Name", "Email", "IsActive"],
                                       [[_sf_id(draw, u[0]), u[1], u[2], "true"] for u in SF_USERS])))
    if draw(st.booleans()):
        files.append(("Account.csv", _csv(["Id", "Name"], [[_sf_id(draw, a[0]), a[1]] for a in SF_ACCOUNTS])))
    if draw(st.booleans()):
        roles = [[f"00K{n}", draw(st.sampled_from(["0065g001", "0065g002"])),
                  _sf_id(draw, SF_CONTACTS[draw(st.sampled_from(chosen))][0]), draw(st.sampled_from(SF_ROLES)),
                  draw(st.sampled_from(["true", "false"]))] for n in range(draw(st.integers(1, 4)))]
        files.append(("OpportunityContactRole.csv", _csv(["Id", "OpportunityId", "ContactId", "Role", "IsPrimary"],
                                                         roles)))
    who = st.sampled_from([c[0] for c in SF_CONTACTS] + ["00Q5g00000LLLL1EAP", ""])
    owner = st.sampled_from([u[0] for u in SF_USERS] + ["0055g00000UUUU9AAP"])
    if draw(st.booleans()):
        tasks = [[f"00T{n}", draw(who), draw(owner), draw(st.sampled_from(SF_DAYS)),
                  draw(st.sampled_from(["Completed", "Open"])), draw(st.sampled_from(["true", "false"])),
                  draw(st.sampled_from(["Email", "Call", "Task", "ListEmail"])),
                  draw(st.sampled_from(["", "Call", "Email", "Meeting"])),
                  draw(st.sampled_from(["", "Inbound", "Outbound"])), draw(st.sampled_from(["false", "true"]))]
                 for n in range(draw(st.integers(1, 6)))]
        files.append(("Task.csv", _csv(["Id", "WhoId", "OwnerId", "ActivityDate", "Status", "IsClosed",
                                        "TaskSubtype", "Type", "CallType", "IsDeleted"], tasks)))
    if draw(st.booleans()):
        events = []
        for n in range(draw(st.integers(1, 4))):
            day = draw(st.sampled_from(SF_DAYS))
            at = draw(st.sampled_from(["", f"{day}T23:30:00.000Z", f"{day}T09:00:00.000Z"]))
            events.append([f"00U{n}", draw(who), draw(owner), day, at, at, "false"])
        files.append(("Event.csv", _csv(["ID", "WHOID", "OWNERID", "ACTIVITYDATE", "ACTIVITYDATETIME",
                                         "STARTDATETIME", "ISDELETED"], events)))
    return draw(st.permutations(files))


def _import_set(work: Path, folder: Path, files, tag: str) -> None:
    (work / tag).mkdir(exist_ok=True)
    paths = []
    for name, text in files:
        path = work / tag / name
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    _said(paths, folder)


@SETTINGS
@given(st.lists(dataloader_exports(), min_size=1, max_size=2), st.booleans())
def test_importing_salesforce_exports_again_changes_nothing(imports, into_sample):
    with tempfile.TemporaryDirectory() as temporary:  # (per example: hypothesis reruns the test)
        work = Path(temporary)
        folder = work / "map"
        if into_sample:
            shutil.copytree(SAMPLE, folder)
        for position, files in enumerate(imports):
            _import_set(work, folder, files, str(position))
            first = snapshot(folder)
            _import_set(work, folder, files, str(position))
            assert snapshot(folder) == first, f"importing the files of import {position} again changed the map"


@SETTINGS
@given(contact_exports(), contact_exports())
def test_two_exports_in_one_import_give_the_map_of_two_imports(first, second):
    assume(first[0] != "activities.csv" or second[0] != "activities.csv" or _log_day(first) != _log_day(second))
    assume(first[2] is None or second[2] is None or first[2] == second[2])  # one --owner for the import
    with tempfile.TemporaryDirectory() as temporary:  # (per example: hypothesis reruns the test)
        work = Path(temporary)
        worlds = []
        for files in ((first, second), (second, first)):
            folder = work / f"map{len(worlds)}"
            shutil.copytree(SAMPLE, folder)
            paths = []
            for position, (name, text, _) in enumerate(files):
                path = work / f"{len(worlds)}-{position}" / name
                path.parent.mkdir()
                path.write_text(text, encoding="utf-8")
                paths.append(path)
            import_files(paths, folder, owner=first[2] or second[2])
            worlds.append(_world(folder))
        shutil.copytree(SAMPLE, work / "apart")
        _import(work, work / "apart", first, "a1")
        _import(work, work / "apart", second, "a2")
        worlds.append(_world(work / "apart"))
        for table in worlds[0]:
            assert worlds[0][table] == worlds[1][table], (table, "order within one import")
            assert worlds[0][table] == worlds[2][table], (table, sorted(worlds[0][table] - worlds[2][table]),
                                                          sorted(worlds[2][table] - worlds[0][table]))


@SETTINGS
@given(st.lists(dataloader_exports(), min_size=2, max_size=3))
def test_salesforce_imports_in_sequence_make_one_account_per_company(imports):
    # Orion Bank's contacts imported without the Account export make an account named by its id; an
    # import that names it "Orion Bank" made a second Orion Bank beside the sample's.
    with tempfile.TemporaryDirectory() as temporary:  # (per example: hypothesis reruns the test)
        work = Path(temporary)
        folder = work / "map"
        shutil.copytree(SAMPLE, folder)
        for position, files in enumerate(imports):
            _import_set(work, folder, files, str(position))
        accounts = graphmap.read_map(folder).accounts
        companies = [normalize_company(name) for name in accounts["name"]]
        assert len(companies) == len(set(companies)), accounts[["account_id", "name"]].values.tolist()
        assert "acc-orion" in set(accounts["account_id"])


# -- Salesforce Account and Contact exports and HubSpot exports, in any grouping and order ----------

#: Salesforce accounts: Id, Name. Orion Bank is the sample's (without a salesforce_id); the two Acme
#: Ltd are two companies of one name (which no HubSpot contact names: where one does, the order of
#: the imports decides by design whether the contact can be placed).
MIXED_ACCOUNTS = [("0015g00000ZZZZ1AAP", "Orion Bank"), ("0015g00000ZZZZ2AAP", "Quarry Ltd"),
                  ("0015g00000ACME1AAP", "Acme Ltd"), ("0015g00000ACME2AAP", "ACME LTD.")]
#: People: first, last, e-mail, Salesforce contact id and account (an index of MIXED_ACCOUNTS, None
#: where not in Salesforce), HubSpot company (None where not in HubSpot). A Contact export may leave
#: anyone's e-mail blank: a contact without one, imported before the Account export at the account
#: named by its id, is made one with her namesake at the sample's Orion Bank (Victor Nguyen, or a
#: HubSpot contact) when that account is named; HubSpot gives the e-mail of whoever is in Salesforce.
MIXED_PEOPLE = [
    ("Ines", "Duarte", "ines.duarte@orion.example", "0035g00000AAAA1AAP", 0, "Orion Bank"),
    ("Victor", "Nguyen", "v.nguyen@orionbank.example", "0035g00000AAAA4AAP", 0, "ORION BANK"),
    ("Karl", "Berg", "karl.berg@orion.example", "0035g00000AAAA2AAP", 0, None),
    ("Mia", "Storm", "mia.storm@quarry.example", "0035g00000AAAA3AAP", 1, "Quarry"),
    ("Pia", "Lund", "pia.lund@quarry.example", None, None, "Quarry Ltd"),
    ("Uma", "King", "uma@acme.co.uk", "0035g00000UKCT1AAP", 2, None),
    ("Sam", "Young", "sam@acme.com", "0035g00000USCT1AAP", 3, None),
]


@st.composite
def mixed_exports(draw):
    """A Salesforce Contact export, maybe its Account export, and maybe a HubSpot export, as (file name,
    text) pairs, in some order and grouped into one to three imports, the Account export never in an
    import before its Contact export's (imported on its own, an Account export names only the map's
    accounts; the contacts imported later are named by their ids)."""
    sf = [p for p in MIXED_PEOPLE if p[3]]
    chosen = draw(st.lists(st.sampled_from(sf), min_size=1, max_size=len(sf), unique=True))
    files = [("Contact.csv", _csv(["Id", "AccountId", "FirstName", "LastName", "Email"], [
        [_sf_id(draw, p[3]), MIXED_ACCOUNTS[p[4]][0], p[0], p[1], _maybe(draw, p[2])]
        for p in chosen]))]
    if draw(st.booleans()):
        files.append(("Account.csv", _csv(["Id", "Name"], [[_sf_id(draw, i), n] for i, n in MIXED_ACCOUNTS])))
    hs = [p for p in MIXED_PEOPLE if p[5]]
    if draw(st.booleans()):
        rows = draw(st.lists(st.sampled_from(hs), min_size=1, max_size=len(hs), unique=True))
        files.append(("hubspot.csv", _csv(["First Name", "Last Name", "Email", "Associated Company"],
                                          [[p[0], p[1], p[2] if p[3] else _maybe(draw, p[2]), p[5]] for p in rows])))
    files = draw(st.permutations(files))
    groups = [draw(st.integers(0, 2)) for _ in files]
    names = [name for name, _ in files]
    if "Account.csv" in names:
        assume(groups[names.index("Account.csv")] >= groups[names.index("Contact.csv")])
    return [[f for f, g in zip(files, groups) if g == n] for n in range(3) if n in groups]


@SETTINGS
@given(mixed_exports())
def test_salesforce_and_hubspot_exports_give_one_map_in_any_grouping_and_order(imports):
    with tempfile.TemporaryDirectory() as temporary:  # (per example: hypothesis reruns the test)
        work = Path(temporary)
        shutil.copytree(SAMPLE, work / "one")
        _import_set(work, work / "one", [f for files in imports for f in files], "all")
        shutil.copytree(SAMPLE, work / "apart")
        for position, files in enumerate(imports):
            _import_set(work, work / "apart", files, str(position))
        one, apart = _world(work / "one"), _world(work / "apart")
        for table in one:
            assert one[table] == apart[table], (table, sorted(one[table] - apart[table]),
                                                sorted(apart[table] - one[table]))
        before = snapshot(work / "apart")
        for position, files in enumerate(imports):
            _import_set(work, work / "apart", files, str(position))
        assert {k: v for k, v in snapshot(work / "apart").items() if k != "import-errors.csv"} == \
            {k: v for k, v in before.items() if k != "import-errors.csv"}
