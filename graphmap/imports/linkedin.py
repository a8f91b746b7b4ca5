"""LinkedIn ``Connections.csv``: a member's network, as weak ties to people at the map's accounts.

The export starts with a "Notes:" preamble (skipped by `graphmap.imports.readers`), then "First Name",
"Last Name", "URL", "Email Address", "Company", "Position", "Connected On" (``12 Mar 2024``).
`--owner` names the member whose network it is. A LinkedIn connection is a weak tie, not a working
relationship: its connection point has strength 1 (``strength_source = linkedin``) and no last
contact; "Connected On" is kept in the ``connected_on`` column of connections.csv, as an ISO date.

Connections join only accounts that the map already has (or that other files of the same import
create): a network of thousands reaches hundreds of companies that are not accounts, and those rows
are reported as skipped rather than turned into accounts.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pyarrow as pa

from graphmap.exceptions import ImportFileError
from graphmap.imports.contacts import ContactColumns, column, stage_contacts
from graphmap.imports.dates import parse_dates
from graphmap.imports.normalize import company_keys, find_column
from graphmap.imports.readers import ExportTable
from graphmap.imports.records import Issues, ProfileResult

__all__ = ["SIGNATURE", "stage_linkedin", "LINKEDIN_STRENGTH"]

SIGNATURE = ("First Name", "Last Name", "Connected On")
#: The strength of a LinkedIn tie.
LINKEDIN_STRENGTH = 1


def stage_linkedin(table: ExportTable, owner: pd.DataFrame | None, known_companies: set[str],
                   members: pa.Array | None = None) -> ProfileResult:
    """Stage a LinkedIn export as `owner`'s weak ties (owner: one staged supplier person, key ``owner``;
    `members`: the map's supplier e-mails, see `stage_contacts`)."""
    if owner is None:
        raise ImportFileError(f"{table.path}: a LinkedIn export is one member's network; name the member with "
                              "--owner PERSON (a person_id of the map, or an e-mail)")
    issues = Issues(table, "linkedin")
    cols = table.header
    company_col = find_column(cols, "Company")
    frame = table.frame
    company = frame[company_col].astype(str).str.strip() if company_col else pd.Series([""] * len(frame))
    outside = (company != "").to_numpy() & ~company_keys(company).isin(known_companies).to_numpy()
    issues.add_with_values(outside, "company ", company, " is not an account of the map (LinkedIn connections only "
                           "join existing accounts)", summary="company is not an account of the map")
    connected_col = find_column(cols, "Connected On")
    notes: list[str] = []
    connected = pd.Series([""] * len(frame), dtype=object)
    not_a_date = np.zeros(len(frame), dtype=bool)
    if connected_col:
        reading = parse_dates(frame[connected_col], connected_col)
        if reading.note:
            notes.append(reading.note)
        connected = reading.dates.dt.strftime("%Y-%m-%d").fillna("").astype(object)
        not_a_date = reading.unparsed
    names = ContactColumns(
        first=find_column(cols, "First Name"), last=find_column(cols, "Last Name"),
        email=find_column(cols, "Email Address", "Email"), companies=(company_col,) if company_col else (),
        title=find_column(cols, "Position", "Title"),
        extras={k: v for k, v in {"linkedin_url": find_column(cols, "URL", "Profile URL")}.items() if v})
    part = table.frame[~outside].reset_index(drop=True)
    sub_issues = Issues(table.subset(~outside), "linkedin")
    owner_key = pd.Series(np.full(len(part), "owner", dtype=object))
    staged, more = stage_contacts(part, names, sub_issues, "linkedin", owner_key=owner_key, owner_people=owner,
                                  link_strength=float(LINKEDIN_STRENGTH), link_source="linkedin",
                                  extra_links={"connected_on": connected[~outside].reset_index(drop=True)},
                                  members=members)
    sub_issues.add_cell_errors([connected_col])
    issues.merge(sub_issues)
    # Only an imported row is imported without its date: one skipped (no name, no company, one of
    # ours; LinkedIn writes rows with only Connected On) is reported for that alone.
    imported = np.isin(table.rows, staged.people_rows)
    issues.add_with_values(not_a_date & imported, f"column {connected_col!r}: ", column(frame, connected_col),
                           " is not a date; imported without it", skipped=False, summary="not a date")
    return ProfileResult(staged, "connections", issues, tuple(notes + more))
