"""E-mail cells of an export: the address each holds, read with the wrappings spreadsheets and CRMs add.

A hyperlink cell copied out of Excel or HubSpot gives ``mailto:ana@orion.example`` (sometimes with a
``?subject=...`` after it), and a mail client's copy gives ``Ana Silva <ana@orion.example>``; both
are read as the address inside, so that they match the plain address of another export. A cell that
holds no address at all ("n/a", "-", "ana at orion") is not one: the profiles import the row without
it and report it. The common case, a column of plain addresses, costs one regular-expression pass;
only the cells that fail it are looked at again.
"""

from __future__ import annotations

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from graphmap.imports.normalize import SPACE_CHARS, arrow_text

__all__ = ["EMAIL_PATTERN", "email_addresses", "unwrapped_emails"]

_NOT_IN_EMAIL = "[^@,;:<>" + SPACE_CHARS + "]+"
#: An e-mail address: one "@" with a dot after it, and no white space, comma, semicolon, colon or
#: angle bracket (so a "mailto:" link or a "Name <address>" is not taken for an address as it is).
EMAIL_PATTERN = "^" + _NOT_IN_EMAIL + "@" + _NOT_IN_EMAIL + r"\." + _NOT_IN_EMAIL + "$"
_SPACE = "[" + SPACE_CHARS + "]*"
#: "Ana Silva <ana@x.com>", '"Silva, Ana" <ana@x.com>', "<ana@x.com>": the part in angle brackets.
_DISPLAY_FORM = "^[^<>]*<([^<>]*)>" + _SPACE + "$"
#: "mailto:ana@x.com", "MAILTO: ana@x.com?subject=Hello": the part after the scheme, before any query.
_MAILTO = "^(?i:mailto:)" + _SPACE + "([^?]*)(?s:.*)$"


def _mask(values: pa.Array) -> np.ndarray:
    return np.asarray(values.fill_null(False).to_numpy(zero_copy_only=False), dtype=bool)


def unwrapped_emails(values: pa.Array) -> tuple[pa.Array, np.ndarray]:
    """`values` with each address written inside a wrapping (a ``mailto:`` link, ``Name <address>``)
    replaced by the address alone, and a mask of the cells replaced; every other cell as it is.

    Examples
    --------
    >>> values, wrapped = unwrapped_emails(pa.array(["mailto:ana@x.com", "Ben Ito <ben@x.com>", "c-ana", "n/a"]))
    >>> values.to_pylist(), wrapped.tolist()
    (['ana@x.com', 'ben@x.com', 'c-ana', 'n/a'], [True, True, False, False])
    """
    values = arrow_text(values)
    # A wrapping has a colon or an angle bracket: two byte searches pick out the few cells to read.
    maybe = _mask(pc.or_(pc.match_substring(values, ":"), pc.match_substring(values, "<")))
    wrapped = np.zeros(len(values), dtype=bool)
    if not maybe.any():
        return values, wrapped
    rows = np.flatnonzero(maybe)
    inner = pc.replace_substring_regex(values.take(pa.array(rows)), _DISPLAY_FORM, r"\1")
    inner = pc.utf8_trim_whitespace(pc.replace_substring_regex(inner, _MAILTO, r"\1"))
    address = _mask(pc.match_substring_regex(inner, EMAIL_PATTERN))
    if not address.any():
        return values, wrapped
    wrapped[rows[address]] = True
    return pc.replace_with_mask(values, pa.array(wrapped), inner.filter(pa.array(address))), wrapped


def email_addresses(values: pa.Array) -> tuple[pa.Array, np.ndarray, np.ndarray]:
    """The address each cell holds ("" where it holds none), a mask of the cells that held it inside a
    wrapping (see `unwrapped_emails`), and a mask of the non-blank cells that hold no address.

    Examples
    --------
    >>> cells = pa.array(["ana@x.com", "MAILTO:ben@x.com", "n/a", "", "Cy Ode <cy@x.com>", "ana at x"])
    >>> addresses, wrapped, bad = email_addresses(cells)
    >>> addresses.to_pylist()
    ['ana@x.com', 'ben@x.com', '', '', 'cy@x.com', '']
    >>> wrapped.tolist(), bad.tolist()
    ([False, True, False, False, True, False], [False, False, True, False, False, True])
    """
    text = arrow_text(values)
    text = text.fill_null("") if text.null_count else text
    bad = _mask(pc.and_(pc.not_equal(text, ""), pc.invert(pc.match_substring_regex(text, EMAIL_PATTERN))))
    wrapped = np.zeros(len(text), dtype=bool)
    if not bad.any():  # the common case: every cell an address or blank
        return text, wrapped, bad
    rows = np.flatnonzero(bad)
    inner, was_wrapped = unwrapped_emails(text.take(pa.array(rows)))
    wrapped[rows[was_wrapped]] = True
    bad[rows[was_wrapped]] = False
    text = pc.replace_with_mask(text, pa.array(wrapped), inner.filter(pa.array(was_wrapped))) \
        if was_wrapped.any() else text
    return pc.if_else(pa.array(bad), pa.scalar("", pa.large_string()), text), wrapped, bad
