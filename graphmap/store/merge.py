"""What saving part of a map means: the saved map replaces the stored one for its accounts.

`merge_maps` is the rule every store follows (see `graphmap.store.base`), written once on the
columnar tables: the folder store applies it directly, and the Neo4j store's push does the same
thing in the database, so that the tests can hold one against the other.
"""

from __future__ import annotations

import pandas as pd

from graphmap.mapfolder import tables_as_text
from graphmap.model.accountmap import AccountMap
from graphmap.model.validation import validate_tables

__all__ = ["merge_maps"]


def merge_maps(stored: AccountMap, saved: AccountMap) -> AccountMap:
    """The stored map after `saved` has been saved into it.

    The saved map is authoritative for its accounts: their rows, their stakeholders, their team
    memberships, every connection touching one of their stakeholders and every connection between
    two people of the saved map. Stakeholders of those accounts that the saved map lacks are removed,
    as are supplier members left with no team, connection or account they own. Everything else the
    stored map holds is kept; for a person in both, the saved row wins.

    Examples
    --------
    >>> from graphmap.model.records import Account, Person
    >>> old = AccountMap.from_records([Account("a1", "One"), Account("a2", "Two")],
    ...     [Person("c1", "Ann", "customer", "a1"), Person("c2", "Bo", "customer", "a2")])
    >>> new = AccountMap.from_records([Account("a1", "One Inc")], [])
    >>> merged = merge_maps(old, new)
    >>> sorted(merged.accounts["name"]), merged.people["person_id"].tolist()
    (['One Inc', 'Two'], ['c2'])
    """
    s, p = tables_as_text(stored), tables_as_text(saved)
    accounts = set(p["accounts"]["account_id"])
    saved_people = set(p["people"]["person_id"])
    stored_people = s["people"]
    stakeholders = set(stored_people.loc[(stored_people["side"] == "customer")
                                         & stored_people["account_id"].isin(accounts), "person_id"])
    removed = stakeholders - saved_people
    saved_ppl = p["people"]
    stakeholders |= set(saved_ppl.loc[(saved_ppl["side"] == "customer") & saved_ppl["account_id"].isin(accounts),
                                      "person_id"])

    people = stored_people[~stored_people["person_id"].isin(saved_people | removed)]
    team = s["team"][~s["team"]["account_id"].isin(accounts)]
    conns = s["connections"]
    ends_a, ends_b = conns["from_id"], conns["to_id"]
    in_scope = (ends_a.isin(stakeholders) | ends_b.isin(stakeholders)
                | (ends_a.isin(saved_people) & ends_b.isin(saved_people)))
    conns = conns[~in_scope]
    people = people.assign(reports_to=people["reports_to"].where(~people["reports_to"].isin(removed), ""))

    merged = {
        "accounts": _concat(s["accounts"][~s["accounts"]["account_id"].isin(accounts)], p["accounts"]),
        "people": _concat(people, saved_ppl),
        "team": _concat(team, p["team"]),
        "connections": _concat(conns, p["connections"]),
    }
    merged["people"] = _without_orphan_members(merged, saved_people)
    return validate_tables(merged, source="merged map")


def _concat(old: pd.DataFrame, new: pd.DataFrame) -> pd.DataFrame:
    out = pd.concat([old, new], ignore_index=True)
    return out.fillna("")  # an extra column only one side has is blank on the other


def _without_orphan_members(tables: dict[str, pd.DataFrame], saved_people: set[str]) -> pd.DataFrame:
    """Drop supplier members not in the saved map who are left with nothing: no team, connection or account."""
    people = tables["people"]
    linked = (set(tables["team"]["person_id"]) | set(tables["connections"]["from_id"])
              | set(tables["connections"]["to_id"]) | set(tables["accounts"]["strategy_owner"])
              | set(people["reports_to"]))
    orphan = ((people["side"] == "supplier") & ~people["person_id"].isin(linked | saved_people)
              & (people["reports_to"] == ""))
    return people[~orphan]
