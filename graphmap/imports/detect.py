"""Which profile an export is, from its header (case-insensitive), and what kind of file within it."""

from __future__ import annotations

from graphmap.exceptions import ImportFileError
from graphmap.imports import hubspot, linkedin
from graphmap.imports.activities import activity_columns
from graphmap.imports.canonical import map_table_kind
from graphmap.imports.normalize import find_column
from graphmap.imports.salesforce import KINDS, salesforce_kind

__all__ = ["PROFILES", "detect_profile", "profile_kind"]

#: The profiles, in the order detection tries them.
PROFILES = ("map", "salesforce", "linkedin", "hubspot", "activities")


def profile_kind(profile: str, header) -> str | None:
    """The kind of file `header` is within `profile`, or None when it is not one of that profile's files.

    >>> profile_kind("hubspot", ["Record ID", "First Name", "Last Name", "Contact owner"])
    'contacts'
    >>> profile_kind("salesforce", ["Id", "AccountId", "FirstName", "LastName"])
    'contacts'
    """
    if profile == "map":
        return map_table_kind(header)
    if profile == "salesforce":
        return salesforce_kind(header)
    if profile == "linkedin":
        if all(find_column(header, n) for n in linkedin.SIGNATURE) or \
                all(find_column(header, n) for n in ("URL", "Company", "Position")):
            return "connections"
        return None
    if profile == "hubspot":
        named = find_column(header, "First Name") or find_column(header, "Last Name") or find_column(header, "Email")
        if named and any(find_column(header, n) for n in hubspot.SIGNATURE):
            return "contacts"
        return None
    if profile == "activities":
        cols = activity_columns(header)
        return "activity log" if cols["date"] and cols["from"] and cols["to"] else None
    raise ValueError(profile)


def detect_profile(header, path: str = "") -> tuple[str, str]:
    """The profile and kind of an export with this header (raises `ImportFileError` when none fits).

    >>> detect_profile(["First Name", "Last Name", "URL", "Email Address", "Company", "Position", "Connected On"])
    ('linkedin', 'connections')
    """
    for profile in PROFILES:
        kind = profile_kind(profile, header)
        if kind:
            return profile, kind
    shown = ", ".join(header[:12]) + (" ..." if len(header) > 12 else "")
    raise ImportFileError(
        f"{path}: cannot tell which export this is from its header ({shown}); expected a Salesforce "
        f"({'; '.join(', '.join(v) for v in KINDS.values())}; ContactId, Roles; "
        "WhoId, OwnerId, ActivityDate or ActivityDateTime), "
        "HubSpot (Record ID, First Name, Contact owner, ...), "
        "LinkedIn (First Name, Last Name, Connected On), activity log (Date, Type, From, To) or map file; "
        "or name the profile with --profile")
