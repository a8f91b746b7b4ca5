"""Contacts exports of any CRM, once their columns are named: people, accounts and owner connections.

`stage_contacts` is what the Salesforce, HubSpot and LinkedIn profiles share: it builds the names,
places each contact at its company (a contact without one is skipped and reported, never guessed),
takes the buying role from the export or infers it from the title, reads the dates, and makes the
contact's owner a supplier member with a connection point. All of it is column operations.
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from graphmap.imports.dates import parse_dates
from graphmap.imports.emails import email_addresses, unwrapped_emails
from graphmap.imports.merge import Staged, empty_staged
from graphmap.imports.normalize import (arrow_text, blank_text, clean_text, filter_rows, first_of_codes,
                                        keyed_companies, normalize_person_name, per_unique, positions_in,
                                        text_series, where_text)
from graphmap.imports.records import Issues
from graphmap.imports.rows import append_rows, in_set
from graphmap.imports.titles import roles_from_titles
from graphmap.text_buffers import cell_bytes, empty_cells, offsets
from graphmap.model.roles import normalize_buying_role

__all__ = ["ContactColumns", "ROLE_PRIORITY", "stage_contacts", "export_roles"]

#: Buying roles from most to least senior: a contact with several takes the first.
ROLE_PRIORITY = ("economic_buyer", "decision_maker", "technical_buyer", "champion", "coach", "user_buyer",
                  "influencer", "gatekeeper", "blocker")


@dataclass(frozen=True)
class ContactColumns:
    """Which column of an export holds what (None when the export has no such column)."""

    first: str | None = None
    last: str | None = None
    full_name: str | None = None
    email: str | None = None
    companies: tuple[str, ...] = ()
    """Company columns, the first non-blank one wins (HubSpot: Associated Company (Primary), Associated
    Company, then Company Name)."""
    title: str | None = None
    role: str | None = None
    owner: str | None = None
    """The contact owner's name (or e-mail)."""
    last_contact: tuple[str, ...] = ()
    """Date columns of the last contact with the owner, the first non-blank one wins."""
    reports_to: str | None = None
    extras: dict[str, str] = field(default_factory=dict)
    """Extra people columns to keep: map column -> export column."""


def blanks(n: int, index: pd.Index | None = None) -> pd.Series:
    """A text column of `n` blank cells."""
    return text_series(blank_text(n), index)


def column(frame: pd.DataFrame, name: str | None) -> pd.Series:
    """A column as clean text, or blanks when the export lacks it."""
    if name is None or name not in frame.columns:
        return blanks(len(frame), frame.index)
    return clean_text(frame[name])


def first_filled(text: dict[str, pd.Series], names, n: int, index: pd.Index) -> pd.Series:
    """Of columns already cleaned (`text`), the first non-blank cell of each row."""
    present = [text[name] for name in names if name in text]
    if not present:
        return blanks(n, index)
    out = present[0]
    for other in present[1:]:  # only where the columns before left a blank
        blank = empty_cells(arrow_text(out))
        if blank.any():
            out = where_text(out, ~blank, other)
    return out


def _emails(values: pd.Series) -> tuple[pd.Series, np.ndarray, np.ndarray]:
    """The e-mail addresses (see `email_addresses`): a wrapped one read as its address, a value that
    is not one blanked; and masks of the wrapped values and of those that are not addresses."""
    addresses, wrapped, bad = email_addresses(arrow_text(values))
    return (text_series(addresses, values.index) if (wrapped.any() or bad.any()) else values), wrapped, bad


def export_roles(values: pd.Series) -> tuple[pd.Series, pd.Series]:
    """Canonical buying roles of picklist values, and a mask of values that are not recognised.

    A multi-select value ("Decision Maker;Champion") gives its most senior recognised role.

    >>> roles, unknown = export_roles(pd.Series(["Economic Decision Maker", "Champion;Influencer", "", "Astronaut"]))
    >>> roles.tolist(), unknown.tolist()
    (['economic_buyer', 'champion', '', ''], [False, False, False, True])
    """
    def one(value: str) -> str | None:
        found = [normalize_buying_role(part) for part in value.replace(",", ";").split(";") if part.strip()]
        found = [f for f in found if f and f != "unknown"]
        if not found:
            return "" if not value.strip() or all(normalize_buying_role(p) == "unknown"
                                                  for p in value.split(";")) else None
        return min(found, key=ROLE_PRIORITY.index)

    mapped = per_unique(values.fillna(""), lambda value: one(str(value)))
    return mapped.fillna(""), mapped.isna().to_numpy()


def _owner_key(owner: str) -> str:
    """The batch key of a contact owner: its e-mail, else its folded name ("" for no owner)."""
    if not owner:
        return ""
    return "owner:" + (owner.lower() if "@" in owner else normalize_person_name(owner))


def stage_contacts(frame: pd.DataFrame, cols: ContactColumns, issues: Issues, source: str,
                   owner_key: pd.Series | None = None, owner_people: pd.DataFrame | None = None,
                   link_strength: float = 3.0, link_source: str = "crm", day_first: bool = False,
                   extra_links: dict[str, pd.Series] | None = None, members: pa.Array | None = None
                   ) -> tuple[Staged, list[str]]:
    """Stage a contacts export.

    Parameters
    ----------
    frame
        The export's cells (text).
    cols
        Which column holds what.
    issues
        Where skipped rows and unreadable values are recorded.
    source
        The profile's name, for messages.
    owner_key, owner_people
        When the owner is known by id (Salesforce Data Loader), the owner key per row and the owners
        as staged people; otherwise owners are built from the ``owner`` column (a name or e-mail).
    link_strength, link_source
        The strength and its source for the owner's connection point.
    extra_links
        Extra connection columns, per row (LinkedIn's ``connected_on``).
    members
        The e-mails (lower case) of the map's supplier members: a contact with one of those, or with
        the e-mail of an owner in this export, is one of ours (CRMs list their own staff as contacts
        too), so it is skipped rather than made a customer stakeholder.
    """
    notes: list[str] = []
    staged = empty_staged()
    n = len(frame)
    date_cols = [c for c in cols.last_contact if c is not None and c in frame.columns]
    # The columns are independent until the rows are chosen: each is derived on its own thread
    # (the work is Arrow kernels, which release the GIL), and the issues are recorded afterwards in
    # a fixed order, so the error file does not depend on which thread finished first.
    with ThreadPoolExecutor(max_workers=2) as pool:
        wanted = {cols.full_name, cols.first, cols.last, cols.email, *cols.companies, cols.title, cols.role,
                  cols.reports_to, *cols.extras.values(), *([cols.owner] if owner_key is None else [])} - {None}
        text = dict(zip(wanted, pool.map(lambda name: column(frame, name), wanted)))

        def get(name: str | None) -> pd.Series:
            return text[name] if name in text else blanks(n, frame.index)

        name = pool.submit(_names, get(cols.full_name), get(cols.first), get(cols.last))
        email = pool.submit(_emails, get(cols.email))
        company = pool.submit(lambda: _with_keys(first_filled(text, cols.companies, n, frame.index)))
        written_role = get(cols.role)
        role = pool.submit(export_roles, written_role)
        inferred = pool.submit(roles_from_titles, get(cols.title))
        readings = [pool.submit(parse_dates, frame[c], c, day_first) for c in date_cols]
        owners = pool.submit(_owners, get(cols.owner)) if owner_key is None else None
        keys = pool.submit(_batch_keys, source, n, frame.index)
        name, (email, wrapped_email, bad_email) = name.result(), email.result()
        company, account_key, account_code = company.result()
        (role, unknown_role), inferred = role.result(), inferred.result()
        readings = [reading.result() for reading in readings]
        owner_of_row = None  # per row: its owner's position among owner_people (-1: none)
        if owners is not None:
            owner_key, owner_people, owner_of_row = owners.result()
        keys = keys.result()

    issues.add_cell_errors([*wanted, *date_cols, cols.owner])
    if wrapped_email.any():
        notes.append(f"{int(wrapped_email.sum()):,} e-mail(s) in column {cols.email!r} written as a 'mailto:' link "
                     "or as 'Name <address>'; read as the address")
    no_name, no_letter = _no_name(name)
    no_company = (company == "").to_numpy() & ~no_name
    issues.add(no_name & ~no_letter, "no name: a contact needs a first or last name")
    issues.add(no_letter, "no name: the name holds no letter or digit")
    issues.add(no_company, "no company: the contact cannot be placed at an account (not guessed)")
    keep = ~(no_name | no_company)
    ours = _our_people(email, keep, members, owner_people)
    if ours.any():
        issues.add(ours, "the e-mail of a member of our team (a supplier member or CRM user), not of a customer "
                   "contact", summary="one of our team, not a customer contact")
        keep &= ~ours

    # What a kept row is imported without (a skipped row is reported for that alone).
    issues.add(bad_email & keep, f"column {cols.email!r}: not an e-mail address; imported without it", skipped=False,
               summary="not an e-mail address")
    issues.add_with_values(unknown_role & keep, "unknown buying role ", written_role, "; role inferred from the title",
                           skipped=False, summary="unknown buying role")
    from_export = (role != "").to_numpy()
    role = where_text(role, from_export, inferred)
    # 0 = from the export, 1 = inferred from the title, 2 = neither (taken by code: no string per row)
    source_code = np.where(from_export, 0, np.where((inferred != "unknown").to_numpy(), 1, 2))
    role_source = text_series(pa.array(["export", "title", ""], pa.large_string()).take(pa.array(source_code)),
                              frame.index)

    people = pd.DataFrame({
        "key": keys, "side": "customer", "account_key": account_key, "name": name, "title": get(cols.title),
        "email": email, "role": role, "role_source": role_source, "reports_to_key": get(cols.reports_to),
    })
    for target, col in cols.extras.items():
        people[target] = text[col]
    people = filter_rows(people, keep)
    # Each company once, as its first *imported* row names it (a skipped row stages no account).
    kept = np.flatnonzero(keep)
    first_of_company = kept[first_of_codes(account_code[kept])]
    accounts = pd.DataFrame({"key": account_key.iloc[first_of_company], "name": company.iloc[first_of_company]})

    last = pd.Series(pd.NaT, index=frame.index, dtype="datetime64[ns]")
    for date_col, reading in zip(date_cols, readings):
        if reading.note:
            notes.append(reading.note)
        issues.add(reading.unparsed & keep, f"column {date_col!r}: not a date; imported without the last contact",
                   skipped=False, summary="not a date")
        last = last.where(last.notna(), pd.Series(reading.dates.to_numpy(), index=frame.index))

    linked = keep & (owner_key != "").to_numpy()
    # Each end's row in the staged people (the owners come after the contacts), so that the merge
    # finds the people without looking a million keys up.
    contact_row = (np.cumsum(keep) - 1)[linked]
    owner_row = np.full(int(linked.sum()), -1, dtype=np.int64)
    if owner_people is not None and len(owner_people):
        found = owner_of_row[linked] if owner_of_row is not None else \
            positions_in(arrow_text(owner_key).filter(pa.array(linked)), owner_people["key"].reset_index(drop=True))
        # Only the owners of imported contacts become members: the owner of a skipped row would be a
        # member with no connection point, which the export does not show.
        used = np.zeros(len(owner_people), dtype=bool)
        used[found[found >= 0]] = True
        owner_people = filter_rows(owner_people.reset_index(drop=True), used)
        owner_row = np.where(found >= 0, len(people) + (np.cumsum(used) - 1)[np.maximum(found, 0)], -1)
    chosen = pa.array(linked)
    links = pd.DataFrame({
        "from_key": text_series(arrow_text(owner_key).filter(chosen)),
        "to_key": text_series(arrow_text(keys).filter(chosen)),
        "strength": link_strength, "strength_source": link_source,
        "last_contact": last.to_numpy()[linked], "from_row": owner_row, "to_row": contact_row})
    for target, values in (extra_links or {}).items():
        links[target] = np.asarray(values, dtype=object)[linked]  # by position: `links` has its own index
    people_all = append_rows(people, owner_people.reset_index(drop=True).fillna("")) \
        if owner_people is not None else people
    # The file row of each contact, to report on after the merge (an owner is no row).
    people_rows = np.concatenate([np.asarray(issues.table.rows, dtype=np.int64)[kept],
                                  np.full(len(people_all) - len(people), -1, dtype=np.int64)])
    return Staged(accounts.reset_index(drop=True), people_all.reset_index(drop=True),
                  links.reset_index(drop=True), staged.team, people_rows), notes


def _our_people(email: pd.Series, keep: np.ndarray, members: pa.Array | None,
                owner_people: pd.DataFrame | None) -> np.ndarray:
    """Which kept rows have the e-mail of a supplier member of the map or of an owner in the export."""
    ours = [members] if members is not None and len(members) else []
    if owner_people is not None and "email" in owner_people.columns and len(owner_people):
        written = arrow_text(owner_people["email"])
        ours.append(pc.utf8_lower(written.filter(pc.invert(pc.equal(written, "")))))
    if not sum(len(o) for o in ours):  # no e-mail known as ours (a new map, owners named by name)
        return np.zeros(len(keep), dtype=bool)
    return keep & in_set(pc.utf8_lower(arrow_text(email)), pa.concat_arrays(ours))


def _names(full: pd.Series, first: pd.Series, last: pd.Series) -> pd.Series:
    """The full name where the export has one, else the first and last names joined (the columns are
    cleaned: only a blank part needs care, not a trim of every name)."""
    index = full.index
    full, first, last = arrow_text(full), arrow_text(first), arrow_text(last)
    built = pc.binary_join_element_wise(first, last, pa.scalar(" ", pa.large_string()))
    no_first, no_last = empty_cells(first), empty_cells(last)
    for blank, other in ((no_first, last), (no_last & ~no_first, first)):
        if blank.any():
            built = pc.if_else(pa.array(blank), other, built)
    written = ~empty_cells(full)
    return text_series(pc.if_else(pa.array(written), full, built) if written.any() else built, index)


def _no_name(name: pd.Series) -> tuple[np.ndarray, np.ndarray]:
    """Per row, whether the contact has no name, and whether that is because its name holds no
    letter or digit ("?", "-", "🙂"): such a name tells no one apart, and two of them at one
    account would be matched as one person.

    The regular expression looks only at the names that do not start with an ASCII letter or digit.
    """
    text = arrow_text(name)
    bounds = offsets(text)
    blank = np.diff(bounds) == 0
    no_letter = np.zeros(len(text), dtype=bool)
    written = np.flatnonzero(~blank)
    first = np.frombuffer(cell_bytes(text), dtype=np.uint8)[bounds[written] - bounds[0]]
    doubtful = written[~_ASCII_LETTER_OR_DIGIT[first]]
    if len(doubtful):
        letters = pc.match_substring_regex(text.take(pa.array(doubtful)), r"[\pL\pN]")
        no_letter[doubtful] = ~np.asarray(letters.to_numpy(zero_copy_only=False), dtype=bool)
    return blank | no_letter, no_letter


_ASCII_LETTER_OR_DIGIT = np.isin(np.arange(256), np.frombuffer(b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789",
                                                                 dtype=np.uint8))  # per byte value


def _with_keys(company: pd.Series) -> tuple[pd.Series, pd.Series, np.ndarray]:
    return company, *keyed_companies(company)


def _display_name(written: str) -> str:
    """The name of "Dana Reyes <dana@x.com>" or '"Reyes, Dana" <dana@x.com>' ("" for none)."""
    return written.split("<", 1)[0].strip().strip('"').strip() if "<" in written else ""


def _batch_keys(source: str, n: int, index: pd.Index) -> pd.Series:
    """Batch keys "<profile>:<position>", built by Arrow (a Python f-string per row costs a second per million)."""
    numbers = pa.array(np.arange(n)).cast(pa.large_string())
    return text_series(pc.binary_join_element_wise(pa.scalar(source, pa.large_string()), numbers,
                                                   pa.scalar(":", pa.large_string())), index)


def _owners(owner: pd.Series) -> tuple[pd.Series, pd.DataFrame, np.ndarray]:
    """The owner key of each row, each owner once (as its first row writes it) as a staged supplier
    member, and each row's owner as a position among those members (-1 for none).

    A few hundred owners for a million contacts: everything is worked out once per written owner.
    """
    encoded = pc.dictionary_encode(arrow_text(owner))
    # An owner written as "mailto:dana@x.com" or "Dana Reyes <dana@x.com>" is known by the address
    # (and, in the second form, named by the name).
    addresses, wrapped = unwrapped_emails(encoded.dictionary)
    labels = addresses.to_pylist()
    names = [(_display_name(written) or label) if was_wrapped else label
             for written, label, was_wrapped in zip(encoded.dictionary.to_pylist(), labels, wrapped)]
    keys = [_owner_key(label) for label in labels]
    key_codes, distinct_keys = pd.factorize(pd.Series(keys, dtype=object))
    label_of_row = np.asarray(encoded.indices.to_numpy(zero_copy_only=False), dtype=np.int64)
    row_codes = key_codes[label_of_row]
    owner_key = text_series(pa.array(keys, pa.large_string()).take(encoded.indices), owner.index)
    first_rows = np.flatnonzero(first_of_codes(row_codes) & (owner != "").to_numpy())
    label_of_first = label_of_row[first_rows]
    emails = [labels[i] if "@" in labels[i] else "" for i in label_of_first]
    people = pd.DataFrame({
        "key": text_series(arrow_text(owner_key).take(pa.array(first_rows))), "side": "supplier",
        # A member known only by e-mail is named after it until someone types the name.
        "name": pd.Series([names[i] for i in label_of_first], dtype="str"), "email": pd.Series(emails, dtype="str")})
    member_of_key = np.full(len(distinct_keys), -1, dtype=np.int64)
    member_of_key[row_codes[first_rows]] = np.arange(len(first_rows))
    return owner_key, people, member_of_key[row_codes]
