"""Work on Arrow text buffers: the edge-byte check for outer white space."""

from __future__ import annotations

import pyarrow as pa

from graphmap.text_buffers import may_have_outer_space


def test_outer_white_space_is_seen_at_either_edge_of_any_cell():
    def column(*cells):
        return [pa.array(list(cells), pa.large_string())]

    assert not may_have_outer_space(column("Ana Silva", "", "Ben"))
    assert may_have_outer_space(column("Ana", "Ben "))
    assert may_have_outer_space(column("\u00a0Ana", "Ben"))
    assert may_have_outer_space(column("Ana", "Zoë"))  # a byte outside ASCII at an edge: checked, not assumed
