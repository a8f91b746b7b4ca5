"""Which buying role a matched person keeps: an export's role over one inferred from a title, and a
role typed by hand over both (docs/imports.md, "Companies, people and merge rules", Buying roles)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from graphmap.imports.normalize import arrow_text, text_series
from graphmap.imports.rows import equals, write_array, write_at

__all__ = ["merge_roles"]


def merge_roles(people: pd.DataFrame, positions: np.ndarray, inc: pd.DataFrame) -> np.ndarray:
    """An export's role replaces an inferred or earlier exported one; a role typed by hand stays.
    Returns which of `positions` changed role or role source."""
    if not len(positions):
        return np.zeros(0, dtype=bool)
    from graphmap.imports.titles import roles_from_titles

    at = pa.array(positions)
    ex_role, ex_src = arrow_text(people["role"]).take(at), arrow_text(people["role_source"]).take(at)
    in_role, in_src = arrow_text(inc["role"]), arrow_text(inc["role_source"])
    customer = (inc["side"] == "customer").to_numpy()
    blank_role = equals(ex_role, "") | equals(ex_role, "unknown")
    if "title" in people.columns:
        ex_title = arrow_text(people["title"]).take(at)
        if "title" in inc.columns:  # a role not in the export is inferred from the title the person keeps
            in_role, in_src = _roles_of_kept_titles(ex_title, arrow_text(inc["title"]), in_role, in_src)
        # A role still marked "title" that no longer follows the title was edited by hand.
        follows = arrow_text(roles_from_titles(text_series(ex_title)))
        edited = equals(ex_src, "title") & ~np.asarray(pc.equal(follows, ex_role).to_numpy(zero_copy_only=False))
    else:
        edited = equals(ex_src, "title") & ~equals(ex_role, "unknown")
    manual = equals(ex_src, "manual") | (equals(ex_src, "") & ~blank_role) | edited
    known = ~(equals(in_role, "") | equals(in_role, "unknown"))
    differs = ~np.asarray(pc.equal(in_role, ex_role).to_numpy(zero_copy_only=False), dtype=bool)
    take = customer & ~manual & known & (
        (equals(in_src, "export") & (differs | ~equals(ex_src, "export")))
        | (equals(in_src, "title") & (blank_role | equals(ex_src, "title"))))
    # Only the rows whose role or source changes are written (a re-import rewrites none).
    changed = take & (differs | ~np.asarray(pc.equal(in_src, ex_src).to_numpy(zero_copy_only=False), dtype=bool))
    chosen = pa.array(changed)
    write_at(people, "role", positions[changed], in_role.filter(chosen))
    write_at(people, "role_source", positions[changed], in_src.filter(chosen))
    return changed


def _roles_of_kept_titles(ex_title: pa.Array, in_title: pa.Array, in_role: pa.Array, in_src: pa.Array
                          ) -> tuple[pa.Array, pa.Array]:
    """The staged roles, with those not given by the export inferred again from the map's title where
    the map keeps a title other than the export's (the map's values win, so its title is the one the
    role must follow)."""
    from graphmap.imports.titles import roles_from_titles

    kept = ~equals(ex_title, "") & ~np.asarray(pc.equal(ex_title, in_title).to_numpy(zero_copy_only=False), dtype=bool)
    again = kept & ~equals(in_src, "export")
    if not again.any():
        return in_role, in_src
    rows = np.flatnonzero(again)
    role = arrow_text(roles_from_titles(text_series(ex_title.take(pa.array(rows)))))
    source = pc.if_else(pc.equal(role, "unknown"), pa.scalar("", pa.large_string()),
                        pa.scalar("title", pa.large_string()))
    return write_array(in_role, rows, role), write_array(in_src, rows, source)
