"""HubSpot contacts exports: "Record ID", "First Name", "Email", "Contact owner", "Associated Company", ...

HubSpot's column labels change capitalisation between exports ("Contact owner", "Contact Owner"),
so every column is found by its folded name. The company is "Associated Company", else "Company
Name"; the last contact is "Last Contacted", else "Last Activity Date". The owner becomes a supplier
member with a connection point (strength 3, ``strength_source = crm``).
"""

from __future__ import annotations

import pyarrow as pa

from graphmap.imports.contacts import ContactColumns, stage_contacts
from graphmap.imports.normalize import find_column
from graphmap.imports.readers import ExportTable
from graphmap.imports.records import Issues, ProfileResult

__all__ = ["SIGNATURE", "stage_hubspot"]

#: Headers that mark a HubSpot contacts export (folded), beside First Name and Last Name.
SIGNATURE = ("Record ID", "Contact owner", "Associated Company", "Buying Role", "Last Contacted",
             "Lifecycle Stage", "Last Activity Date")


def stage_hubspot(table: ExportTable, day_first: bool = False, members: pa.Array | None = None) -> ProfileResult:
    """Stage a HubSpot contacts export (`members`: the map's supplier e-mails, see `stage_contacts`)."""
    issues = Issues(table, "hubspot")
    cols = table.header
    names = ContactColumns(
        first=find_column(cols, "First Name"), last=find_column(cols, "Last Name"),
        full_name=find_column(cols, "Full Name", "Name"), email=find_column(cols, "Email", "Email Address"),
        companies=tuple(c for c in (find_column(cols, "Associated Company (Primary)", "Associated Company"),
                                    find_column(cols, "Company Name", "Company")) if c),
        title=find_column(cols, "Job Title", "Title"), role=find_column(cols, "Buying Role", "Buying Roles"),
        owner=find_column(cols, "Contact owner", "HubSpot Owner", "Owner"),
        last_contact=tuple(c for c in (find_column(cols, "Last Contacted"),
                                       find_column(cols, "Last Activity Date")) if c),
        extras={k: v for k, v in {"hubspot_id": find_column(cols, "Record ID", "Contact ID")}.items() if v},
    )
    staged, notes = stage_contacts(table.frame, names, issues, "hubspot", day_first=day_first, members=members)
    return ProfileResult(staged, "contacts", issues, tuple(notes))
