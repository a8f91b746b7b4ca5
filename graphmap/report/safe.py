"""Making user text safe to open: spreadsheet formulas neutralised, Markdown escaped.

Names, titles and notes come from CRMs and strangers' profiles. A spreadsheet runs a cell that starts
with ``=``, ``+``, ``-`` or ``@`` (and some treat a leading tab or carriage return the same way) as a
formula, so CSV and XLSX reports put a single quote in front of such text, as OWASP's CSV-injection
guidance advises. Numbers stay numbers: only text is ever changed.
"""

from __future__ import annotations

import re
from typing import Any

__all__ = ["FORMULA_TRIGGERS", "spreadsheet_safe", "markdown_text"]

#: Leading characters that make a spreadsheet treat a cell as a formula.
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")

# Text that is only a number ("-12", "+3.5") is read as that number, never run as a formula.
_PLAIN_NUMBER = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?")


def spreadsheet_safe(value: Any) -> Any:
    """The value as a spreadsheet cell that cannot run: text that would start a formula gets a ``'``.

    Examples
    --------
    >>> spreadsheet_safe('=HYPERLINK("http://x.example","click")')
    '\\'=HYPERLINK("http://x.example","click")'
    >>> spreadsheet_safe("@SUM(A1:A2)"), spreadsheet_safe("+1+1")
    ("'@SUM(A1:A2)", "'+1+1")
    >>> spreadsheet_safe("-3"), spreadsheet_safe(-3), spreadsheet_safe("Dana Reyes")
    ('-3', -3, 'Dana Reyes')
    """
    if isinstance(value, str) and value.startswith(FORMULA_TRIGGERS) and not _PLAIN_NUMBER.fullmatch(value):
        return "'" + value
    return value


_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]{}|#!~])")


def markdown_text(value: Any) -> str:
    """Text that Markdown shows as written: no markup, no HTML, no table-breaking pipe or line break.

    Examples
    --------
    >>> markdown_text("<script>alert(1)</script> | *bold*")
    '&lt;script&gt;alert(1)&lt;/script&gt; \\\\| \\\\*bold\\\\*'
    """
    text = "" if value is None else str(value)
    text = " ".join(text.split())
    # Entities rather than backslashes for HTML's characters: every Markdown renderer decodes them.
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return _MARKDOWN_SPECIAL.sub(r"\\\1", text)
