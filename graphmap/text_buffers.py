"""Checks that read an Arrow text column's buffers directly: its offsets and bytes, no cell by cell.

A million-row column is a few megabytes of UTF-8 and one array of offsets: numpy answers "does any
cell start or end with white space?" from the bytes at the cells' edges, far faster than a string
kernel visiting every cell, so the common case (a clean column) costs almost nothing.
"""

from __future__ import annotations

from typing import Iterable

import numpy as np
import pyarrow as pa

__all__ = ["offsets", "cell_bytes", "empty_cells", "may_have_outer_space"]


def offsets(chunk: pa.Array) -> np.ndarray:
    """Where each cell of a large_string chunk starts in its data, then where the last one ends."""
    return np.frombuffer(chunk.buffers()[1], dtype=np.int64, count=len(chunk) + 1, offset=chunk.offset * 8)


def cell_bytes(chunk: pa.Array) -> memoryview:
    """The bytes of all cells of a large_string chunk, end to end, without a copy."""
    if not len(chunk) or chunk.buffers()[2] is None:
        return memoryview(b"")
    bounds = offsets(chunk)
    return memoryview(chunk.buffers()[2])[int(bounds[0]): int(bounds[-1])]


def empty_cells(chunk: pa.Array) -> np.ndarray:
    """A mask of the empty cells of a large_string chunk without nulls, from its offsets alone."""
    return np.diff(offsets(chunk)) == 0


def may_have_outer_space(chunks: Iterable[pa.Array]) -> bool:
    """False when every cell's first and last byte is printable ASCII, so no cell has outer white space.

    Every white space character, ASCII or not, begins and ends with a byte outside 0x21-0x7E in UTF-8.
    An empty cell is judged by a neighbour's byte, which can only answer True needlessly. The chunks
    are large_string arrays.
    """
    for chunk in chunks:
        data = chunk.buffers()[2] if len(chunk) else None
        if data is None or not data.size:
            continue
        bounds = offsets(chunk)
        text = np.frombuffer(data, dtype=np.uint8)
        for edge in (np.take(text, bounds[:-1], mode="clip"), np.take(text, bounds[1:] - 1, mode="clip")):
            edge -= np.uint8(0x21)  # printable ASCII 0x21-0x7E becomes 0-0x5D, the rest wraps above
            if (edge > np.uint8(0x7E - 0x21)).any():
                return True
    return False
