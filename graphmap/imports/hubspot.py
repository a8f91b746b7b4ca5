"""HubSpot contacts exports: "Record ID", "First Name", "Email", "Contact owner", "Associated Company", ...

HubSpot's column labels change capitalisation between exports ("Contact owner", "Contact Owner"),
so every column is found by its folded name. The last contact is "Last Contacted", else "Last
Activity Date". The owner becomes a supplier member with a connection point (strength 3,
``strength_source = crm``).

The company is the contact's primary company (`primary_companies`): "Associated Company (Primary)",
else "Associated Company" where it names one company, else the contact's own "Company Name". An
export that associates a contact with several companies writes all their names in "Associated
Company" and all their ids in "Associated Company IDs", each joined by ";"; where it names no
primary company, the contact's "Company Name" says which one when it is one of them, and otherwise
the contact is reported, not placed at a guess.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from graphmap.imports.contacts import ContactColumns, column, first_filled, stage_contacts
from graphmap.imports.normalize import arrow_text, company_keys, find_column
from graphmap.imports.other_emails import OTHER_EMAILS
from graphmap.imports.readers import ExportTable
from graphmap.imports.records import Issues, ProfileResult
from graphmap.text_buffers import empty_cells

__all__ = ["SIGNATURE", "PRIMARY_COMPANY", "stage_hubspot", "primary_companies", "SEVERAL_COMPANIES"]

#: Headers that mark a HubSpot contacts export (folded), beside First Name and Last Name.
SIGNATURE = ("Record ID", "Contact owner", "Associated Company", "Buying Role", "Last Contacted",
             "Lifecycle Stage", "Last Activity Date")
#: The primary company's name: newer contacts exports, and the label of HubSpot's deal exports.
PRIMARY_COMPANY = ("Associated Company (Primary)", "Associated Company Names (Primary)")
#: Why a contact of several companies, none of them named primary, is skipped.
SEVERAL_COMPANIES = "several companies and no primary one (not guessed)"


def primary_companies(frame: pd.DataFrame, cols) -> tuple[pd.Series, np.ndarray, int]:
    """Each row's primary company, the rows whose company cannot be told, and how many rows took
    one of several companies because their "Company Name" names it.

    >>> frame = pd.DataFrame({"Associated Company": ["Orion Bank;Cobalt Mining", "Orion Bank;Cobalt Mining", ""],
    ...                       "Associated Company IDs": ["11;12", "11;12", ""],
    ...                       "Company Name": ["Cobalt Mining Inc", "Acme", "Acme"]})
    >>> company, unknown, by_name = primary_companies(frame, list(frame.columns))
    >>> company.tolist(), unknown.tolist(), by_name
    (['Cobalt Mining', '', 'Acme'], [False, True, False], 1)
    """
    text = {name: column(frame, find_column(cols, *names)) for name, names in (
        ("primary", PRIMARY_COMPANY), ("associated", ("Associated Company",)), ("own", ("Company Name", "Company")),
        ("ids", ("Associated Company IDs",)))}
    associated, own = text["associated"], text["own"]
    several = _holds(associated, ";") & empty_cells(arrow_text(text["primary"]))
    if find_column(cols, "Associated Company IDs") is not None:  # one id: one company, though its name holds ";"
        several &= _holds(text["ids"], ";")
    company = first_filled(text, ("primary", "associated", "own"), len(frame), frame.index)
    unknown = np.zeros(len(frame), dtype=bool)
    by_name = 0
    for position in np.flatnonzero(several):  # few rows: a contact of several companies is rare
        names = [name.strip() for name in associated.iat[position].split(";") if name.strip()]
        if len(set(names)) < 2:
            company.iat[position] = names[0] if names else own.iat[position]
            continue
        own_key = company_keys(pd.Series([own.iat[position]])).iat[0]
        matches = [n for n, key in zip(names, company_keys(pd.Series(names))) if key and key == own_key]
        company.iat[position] = matches[0] if matches else ""
        unknown[position] = not matches
        by_name += bool(matches)
    return company, unknown, by_name


def _holds(values: pd.Series, part: str) -> np.ndarray:
    return pc.match_substring(arrow_text(values), part).to_numpy(zero_copy_only=False).astype(bool)


def stage_hubspot(table: ExportTable, day_first: bool = False, members: pa.Array | None = None) -> ProfileResult:
    """Stage a HubSpot contacts export (`members`: the map's supplier e-mails, see `stage_contacts`)."""
    issues = Issues(table, "hubspot")
    cols = table.header
    company_cols = [find_column(cols, *PRIMARY_COMPANY), find_column(cols, "Associated Company"),
                    find_column(cols, "Company Name", "Company")]
    notes: list[str] = []
    # (`part`: the rows staged; its bad rows stay with `table`, whose issues report them)
    part, frame, companies = table.subset(np.ones(len(table.frame), dtype=bool)), table.frame, \
        tuple(c for c in company_cols if c)
    associated = company_cols[1]
    # Only an export where some contact has several companies needs them told apart (a literal search
    # says so); the others' companies are cleaned and chosen with the other columns, side by side.
    if associated is not None and _holds(frame[associated].fillna(""), ";").any():
        company, unknown, by_name = primary_companies(frame, cols)
        issues.add_cell_errors(company_cols)  # (read here; the staging reads the company chosen)
        issues.add_with_values(unknown, "associated with several companies ", column(frame, associated),
                               " and the export names no primary one, nor does 'Company Name' name one of them (not "
                               "guessed): export 'Associated Company (Primary)' with the contacts, or set the "
                               "contact's primary company in HubSpot", summary=SEVERAL_COMPANIES)
        if by_name:
            notes.append(f"{by_name} contact(s) associated with several companies and no primary one placed at the "
                         "one their 'Company Name' names")
        part = table.subset(~unknown)
        frame = part.frame.assign(_company=company[~unknown].reset_index(drop=True) if unknown.any() else company)
        companies = ("_company",)
    names = ContactColumns(
        first=find_column(cols, "First Name"), last=find_column(cols, "Last Name"),
        full_name=find_column(cols, "Full Name", "Name"), email=find_column(cols, "Email", "Email Address"),
        companies=companies,
        title=find_column(cols, "Job Title", "Title"), role=find_column(cols, "Buying Role", "Buying Roles"),
        owner=find_column(cols, "Contact owner", "HubSpot Owner", "Owner"),
        last_contact=tuple(c for c in (find_column(cols, "Last Contacted"),
                                       find_column(cols, "Last Activity Date")) if c),
        extras={k: v for k, v in {"hubspot_id": find_column(cols, "Record ID", "Contact ID"),
                                  OTHER_EMAILS: find_column(cols, "Additional email addresses")}.items() if v},
    )
    sub_issues = Issues(part, "hubspot")
    staged, more = stage_contacts(frame, names, sub_issues, "hubspot", day_first=day_first, members=members)
    issues.merge(sub_issues)
    return ProfileResult(staged, "contacts", issues, tuple(notes + more))
