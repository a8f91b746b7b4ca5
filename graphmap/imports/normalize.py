"""Column operations every profile shares: text columns, names, companies and header lookup (dates are
`graphmap.imports.dates`, e-mails `graphmap.imports.emails`).

Text columns are pandas Series of the Arrow-backed "str" dtype: `arrow_text` and `text_series` pass a
column between pandas and Arrow without copying it, and the helpers here (`where_text`, `lookup`,
`filter_rows`, `first_occurrences`, ...) are Arrow kernels over whole columns. The folds that match
names and companies are kernels too (`name_keys`, `company_keys`, `slugs`), with accents folded once
per distinct character and a company's dotted letters ("S.A.") joined once per distinct company that
has any; other work that is not a plain string operation runs once per distinct value
(`per_unique` for titles and roles; owners and dates are hashed once the same way, in their modules).
A million-row export costs column passes, never a Python string per row.
"""

from __future__ import annotations

import re
import unicodedata
from concurrent.futures import ThreadPoolExecutor
from functools import lru_cache

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
from anyascii import anyascii

from graphmap.text_buffers import cell_bytes, may_have_outer_space, offsets

__all__ = [
    "normalize_company",
    "normalize_person_name",
    "company_keys",
    "keyed_companies",
    "name_keys",
    "slugs",
    "clean_text",
    "find_column",
    "lookup",
    "positions_in",
    "arrow_text",
    "distinct",
    "text_series",
    "first_occurrences",
    "first_of_codes",
    "blank_text",
    "filter_rows",
    "where_text",
    "SPACE_CHARS",
]


def arrow_text(values) -> pa.Array:
    """A text column (pandas, numpy or list) as one Arrow large_string array."""
    if isinstance(values, (pa.Array, pa.ChunkedArray)):
        arr = values
    elif isinstance(values, (pd.Series, pd.Index)):
        values = values.array if isinstance(values.dtype, pd.StringDtype) else values.to_numpy(dtype=object)
        arr = pa.array(values, type=pa.large_string(), from_pandas=True)
    else:
        arr = pa.array(values, type=pa.large_string(), from_pandas=True)
    if isinstance(arr, pa.ChunkedArray):
        arr = arr.combine_chunks()
    return arr.cast(pa.large_string())


def text_series(values: pa.Array | pa.ChunkedArray, index: pd.Index | None = None) -> pd.Series:
    """An Arrow text array as a pandas text Series, without a copy (pandas' "str" dtype is Arrow-backed).

    Every cell stays in Arrow: the operations the import runs on a million-row column (compare, join,
    take, concatenate) are then Arrow kernels, never a pass over Python string objects.
    """
    if isinstance(values, pa.ChunkedArray):
        values = values.combine_chunks()
    if not pa.types.is_large_string(values.type):
        values = values.cast(pa.large_string())
    return pd.Series(pd.array(values, dtype="str"), index=index, copy=False)


def where_text(values: pd.Series, keep, other) -> pd.Series:
    """`values.where(keep, other)` for text: `values` where `keep` holds, else `other` (a value or a
    column). One Arrow kernel; pandas' own `where` on Arrow text rebuilds the column by mask.

    >>> where_text(pd.Series(["a", "b"]), [True, False], "-").tolist()
    ['a', '-']
    """
    mask = pa.array(np.asarray(keep, dtype=bool))
    other = arrow_text(other) if isinstance(other, (pd.Series, pa.Array, pa.ChunkedArray)) \
        else pa.scalar(other, pa.large_string())
    return text_series(pc.if_else(mask, arrow_text(values), other), values.index)


def first_occurrences(values) -> np.ndarray:
    """A mask of the first row holding each distinct value (one Arrow hash pass, then integer work).

    >>> first_occurrences(pd.Series(["a", "b", "a"])).tolist()
    [True, True, False]
    """
    codes = pc.dictionary_encode(arrow_text(values)).indices.fill_null(-1)
    return first_of_codes(np.asarray(codes.to_numpy(zero_copy_only=False), dtype=np.int64))


def first_of_codes(codes: np.ndarray) -> np.ndarray:
    """A mask of the first occurrence of each integer (one hash pass; `np.unique` would sort)."""
    return ~pd.Series(codes).duplicated().to_numpy()


def blank_text(n: int) -> pa.Array:
    """`n` empty strings, built from zeroed offsets (no per-cell work)."""
    starts = pa.py_buffer(np.zeros(n + 1, dtype=np.int64).tobytes())
    return pa.LargeStringArray.from_buffers(n, starts, pa.py_buffer(b""))


def filter_rows(frame: pd.DataFrame, mask: np.ndarray) -> pd.DataFrame:
    """The rows of `frame` where `mask` holds, index reset; text columns are filtered in Arrow
    (pandas' boolean indexing of Arrow text goes through a slower take per column), two at a time
    (the filter kernel releases the GIL)."""
    mask = np.asarray(mask, dtype=bool)
    if mask.all():
        return frame.reset_index(drop=True)
    keep = pa.array(mask)

    def filtered(col: str) -> pd.Series:
        if isinstance(frame[col].dtype, pd.StringDtype):
            return text_series(arrow_text(frame[col]).filter(keep))
        return frame[col][mask].reset_index(drop=True)

    with ThreadPoolExecutor(max_workers=2) as pool:
        return pd.DataFrame(dict(zip(frame.columns, pool.map(filtered, frame.columns))))


def positions_in(values, keys) -> np.ndarray:
    """Where each value first occurs in `keys` (-1 where it does not), by one Arrow hash join.

    >>> positions_in(pd.Series(["b", "z", "a"]), ["a", "b", "a"]).tolist()
    [1, -1, 0]
    """
    found = pc.index_in(arrow_text(values), value_set=arrow_text(keys)).fill_null(-1)
    return np.asarray(found.to_numpy(zero_copy_only=False), dtype=np.int64)


def lookup(values: pd.Series, mapping, default=None) -> pd.Series:
    """Each value looked up in `mapping` (a dict, or a Series indexed by key); `default` where it is
    missing ("" when None; the value itself where `default` is that Series). Text in, text out.

    >>> lookup(pd.Series(["a", "b", "a"]), {"a": "x"}, "").tolist()
    ['x', '', 'x']
    """
    if isinstance(mapping, pd.Series):
        keys, targets = mapping.index, arrow_text(mapping)
    else:
        keys, targets = list(mapping.keys()), arrow_text([None if v is None else str(v) for v in mapping.values()])
    if not len(values):
        return text_series(pa.array([], pa.large_string()), values.index)
    if len(keys):
        found = pc.take(targets, pc.index_in(arrow_text(values), value_set=arrow_text(keys)))
    else:
        found = pa.nulls(len(values), pa.large_string())
    if isinstance(default, pd.Series):
        fallback = arrow_text(default)
    else:
        fallback = pa.scalar("" if default is None else str(default), pa.large_string())
    return text_series(pc.coalesce(found, fallback), values.index)


# Legal forms that end company names, as folded (dots and slashes out of single letters: "S.A.",
# "A/S"); a name ends in a run of them ("GmbH & Co. KG", "Sdn. Bhd.", "S.A.B. de C.V.").
_LEGAL_SUFFIXES = {
    "inc", "incorporated", "llc", "llp", "lp", "ltd", "limited", "corp", "corporation", "co", "company",
    "plc", "pty", "pte", "pvt", "private",  # English-speaking countries, India, Singapore
    "gmbh", "ag", "kg", "kgaa", "se", "bv", "nv", "sarl", "sas", "sa", "sab", "de cv", "s de rl",
    "srl", "spa", "sl", "ltda", "sro",  # Europe and Latin America
    "ab", "publ", "as", "asa", "aps", "oy", "oyj",  # the Nordic countries
    "kk", "bhd", "sdn", "tbk",  # Japan, Malaysia, Indonesia
}


# The folds are pure and a run folds the same companies and names several times (staging, then
# matching against the map): each distinct value is folded once per process.
@lru_cache(maxsize=1 << 17)
def normalize_company(name: str) -> str:
    """Fold a company name for matching: case, accents, punctuation, ``&`` and legal suffixes.

    Letters written with dots or slashes are one word ("S.A." is "SA", "J.P." is "JP", "A/S" is
    "AS"), the trailing run of legal suffixes may hold ``&``/``and`` before a suffix ("GmbH & Co.
    KG", "& Co."), and a leading "The" goes. The first word always stays.

    >>> normalize_company("Cobalt Mining, Inc.") == normalize_company("Cobalt Mining Inc")
    True
    >>> normalize_company("  Müller & Söhne GmbH ")
    'muller and sohne'
    >>> [normalize_company(n) for n in ("Société Générale S.A.", "Fiat S.p.A.", "Acme L.L.C.", "Philips N.V.")]
    ['societe generale', 'fiat', 'acme', 'philips']
    >>> normalize_company("Baz GmbH & Co. KG"), normalize_company("J.P. Morgan & Co.")
    ('baz', 'jp morgan')
    >>> [normalize_company(n) for n in ("Ørsted A/S", "Orsted AS", "The Coca-Cola Company", "Telia Company AB (publ)")]
    ['orsted', 'orsted', 'coca cola', 'telia']
    """
    text = _undotted(_ascii_of(name).lower())
    text = text.replace("&", " and ")
    words = " ".join(re.sub(r"[^a-z0-9]+", " ", text).split())
    return _without_leading_the(re.sub(_LEGAL_SUFFIX_RUN, "", words))


# Two or more single letters joined by dots or slashes ("s.a.", "l.l.c", "s.p.a.", "a/s"),
# standing alone: not touching another letter or digit on either side.
_DOTTED_LETTERS = re.compile(r"(?<![a-z0-9])[a-z](?:[./][a-z])+(?![a-z0-9])")


def _undotted(text: str) -> str:
    """`text` (ASCII, lower case) with the dots and slashes taken out of letters written with them."""
    return _DOTTED_LETTERS.sub(lambda letters: re.sub("[./]", "", letters.group()), text)


def _without_leading_the(words):
    """Folded company names (a str, or an Arrow array of them) without a leading "the" followed by
    another word: "The Coca-Cola Company" is "Coca-Cola"."""
    if isinstance(words, str):
        return words[4:] if words.startswith("the ") else words
    return pc.replace_substring_regex(words, "^the ", "")


@lru_cache(maxsize=1 << 17)
def normalize_person_name(name: str) -> str:
    """Fold a person's name for matching within one account: case, accents, punctuation.

    >>> normalize_person_name("José  O'Neil-Smith")
    'jose oneil smith'
    """
    text = _ascii_of(name).lower()
    text = text.replace("'", "").replace("\u2019", "")
    return " ".join(re.sub(r"[^a-z0-9]+", " ", text).split())


def per_unique(values: pd.Series, func) -> pd.Series:
    """`func` of each value, computed once per distinct value (names, companies, titles repeat).

    The values are hashed once by Arrow (`dictionary_encode`) and the results taken by code; a blank
    (NaN/None) value gives "", and a result of None stays missing (NaN).
    """
    arr = arrow_text(values)
    encoded = pc.dictionary_encode(arr)
    results = [func(u) for u in encoded.dictionary.to_pylist()]
    mapped = pc.take(pa.array(results, type=pa.large_string()), encoded.indices)
    blank = pc.is_null(arr)
    if pc.any(blank).as_py():
        mapped = pc.if_else(blank, pa.scalar("", pa.large_string()), mapped)
    return text_series(mapped, values.index)


def distinct(values) -> tuple[np.ndarray, list]:
    """Integer codes of a text column (-1 where blank/NaN) and its distinct values, by one Arrow hash pass.

    >>> codes, uniques = distinct(pd.Series(["b", "a", "b", None]))
    >>> codes.tolist(), uniques
    ([0, 1, 0, -1], ['b', 'a'])
    """
    try:
        arr = arrow_text(values)
    except (pa.ArrowInvalid, pa.ArrowTypeError):  # not all text: fall back to pandas
        codes, uniques = pd.factorize(pd.Series(values).astype(object))
        return np.asarray(codes, dtype=np.int64), list(uniques)
    encoded = pc.dictionary_encode(arr)
    codes = np.asarray(encoded.indices.fill_null(-1).to_numpy(zero_copy_only=False), dtype=np.int64)
    return codes, encoded.dictionary.to_pylist()


# -- the folds over whole columns ---------------------------------------------------------------
# `normalize_company`, `normalize_person_name` and `_slug` fold one value in Python; a column is
# folded by Arrow kernels doing the same steps (a million mostly distinct names would take seconds
# one by one). tests/test_imports_folds.py checks that both give the same result on any text.

def company_keys(values: pd.Series) -> pd.Series:
    """`normalize_company` of each value ("" stays ""), folded once per distinct company.

    >>> company_keys(pd.Series(["Cobalt Mining, Inc.", "  Müller & Söhne GmbH ", "Inc"])).tolist()
    ['cobalt mining', 'muller and sohne', 'inc']
    """
    return keyed_companies(values)[0]


def keyed_companies(values: pd.Series) -> tuple[pd.Series, np.ndarray]:
    """`company_keys`, and per row a code that is the same exactly where the keys are (the
    companies are hashed once for both).

    >>> keys, codes = keyed_companies(pd.Series(["Acme Inc", "ACME", "Beta"]))
    >>> keys.tolist(), codes.tolist()
    (['acme', 'acme', 'beta'], [0, 0, 1])
    """
    text = arrow_text(values).fill_null("")
    encoded = pc.dictionary_encode(text)  # companies repeat: tens of contacts each
    folded = _words(_dotted_letters_joined(_ascii_folded(encoded.dictionary)), ampersand=True)
    suffixed = pc.match_substring_regex(folded, _LEGAL_SUFFIX_RUN)
    if pc.any(suffixed).as_py():  # only ever a whole word after a space: the first word stays
        folded = pc.replace_with_mask(folded, suffixed,
                                      pc.replace_substring_regex(folded.filter(suffixed), _LEGAL_SUFFIX_RUN, ""))
    folded = _without_leading_the(folded)
    key_of_company, _ = pd.factorize(np.asarray(folded.to_numpy(zero_copy_only=False), dtype=object))
    codes = key_of_company[np.asarray(encoded.indices.to_numpy(zero_copy_only=False), dtype=np.int64)]
    return text_series(folded.take(encoded.indices), values.index), codes


_LEGAL_SUFFIX_RUN = "(?: (?:and )?(?:" + "|".join(sorted(_LEGAL_SUFFIXES)) + "))+$"


def _dotted_letters_joined(text: pa.Array) -> pa.Array:
    """`_undotted` of each (ASCII, lower-case) cell. Python's regular expression runs only on the
    cells holding a letter, a dot and a letter (Arrow's RE2 has no look-around to tell a lone
    letter from the end of a word); the cells are distinct companies, so that is rarely many."""
    dotted = pc.match_substring_regex(text, r"[a-z][./][a-z]")
    if not pc.any(dotted).as_py():
        return text
    joined = pa.array([_undotted(cell) for cell in text.filter(dotted).to_pylist()], type=text.type)
    return pc.replace_with_mask(text, dotted, joined)


def name_keys(values: pd.Series) -> pd.Series:
    """`normalize_person_name` of each value ("" stays ""), folded once per distinct word.

    >>> name_keys(pd.Series(["José  O'Neil-Smith", ""])).tolist()
    ['jose oneil smith', '']
    """
    def fold(words: pa.Array) -> pa.Array:
        return _words(_ascii_folded(words), apostrophes=True)

    return text_series(_word_by_word(arrow_text(values).fill_null(""), fold, " "), values.index)


def slugs(values: pd.Series) -> pd.Series:
    """Id-friendly forms of names: ascii, lower case, words joined by ``-`` (``x`` when nothing is
    left), folded once per distinct word.

    >>> slugs(pd.Series(["Dana Reyes", "Ørsted A/S", "!!"])).tolist()
    ['dana-reyes', 'orsted-a-s', 'x']
    """
    def fold(words: pa.Array) -> pa.Array:
        return pc.replace_substring(_words(_ascii_folded(words)), " ", "-")

    slug = _word_by_word(arrow_text(values).fill_null(""), fold, "-")
    if len(slug) and np.diff(offsets(slug)).max() > 40:  # ASCII by now: a byte is a character
        slug = pc.ascii_trim(pc.utf8_slice_codeunits(slug, 0, 40), "-")
    return text_series(pc.if_else(pc.equal(slug, ""), pa.scalar("x", pa.large_string()), slug), values.index)


def _word_by_word(text: pa.Array, fold, separator: str) -> pa.Array:
    """`fold` of each cell, worked out once per distinct word: the cell's words (split at ASCII white
    space) folded, those that fold to "" dropped, and the rest joined by `separator`.

    For the folds here that is the fold of the whole cell: they turn every run of characters that
    are not letters or digits (white space included) into one separator and trim the ends, and their
    accent folding works character by character. A million names are a few tens of thousands of
    distinct first and last names, so the folds run on those.
    """
    words = pc.ascii_split_whitespace(text)
    bounds = np.asarray(words.offsets, dtype=np.int64)
    encoded = pc.dictionary_encode(words.flatten())
    folded = fold(encoded.dictionary)
    codes = np.asarray(encoded.indices.to_numpy(zero_copy_only=False), dtype=np.int64)
    kept = np.asarray(pc.not_equal(folded, "").to_numpy(zero_copy_only=False), dtype=bool)[codes]
    if not kept.all():  # a word of punctuation alone ("-", "&"): its cell has one word fewer
        codes = codes[kept]
        bounds = np.concatenate([[0], np.cumsum(kept)])[bounds - bounds[0]]
    joined = pa.LargeListArray.from_arrays(pa.array(bounds - bounds[0], pa.int64()),
                                           folded.cast(pa.large_string()).take(pa.array(codes)))
    return pc.binary_join(joined, pa.scalar(separator, pa.large_string()))


def _ascii_of(text: str) -> str:
    """`text` in ASCII, character by character (`_ascii_of_character`).

    >>> _ascii_of("Søren Ørsted, Łódź, Straße"), _ascii_of("王芳"), _ascii_of("Иван Петров")
    ('Soren Orsted, Lodz, Strasse', 'WangFang', 'Ivan Petrov')
    """
    return "".join(map(_ascii_of_character, text)) if not text.isascii() else text


@lru_cache(maxsize=None)
def _ascii_of_character(character: str) -> str:
    """The ASCII a character folds to: a letter or digit transliterated (anyascii: "é" -> "e",
    "ø" -> "o", "ß" -> "ss", "Ж" -> "Zh", "王" -> "Wang"), anything else its NFKD form's ASCII
    (accents and other marks, emoji and most symbols fold to nothing, a no-break space to a space).

    NFKD alone dropped letters it does not decompose: "Ørsted" folded to "rsted", and a name in
    Cyrillic or Chinese to nothing, so its id was ``c-x`` and two such names at one account matched.
    """
    if character.isascii():
        return character
    if unicodedata.category(character)[0] in "LN":
        return anyascii(character)
    return unicodedata.normalize("NFKD", character).encode("ascii", "ignore").decode("ascii")


def _ascii_folded(text: pa.Array) -> pa.Array:
    """Per cell, ``_ascii_of(cell).lower()``: accents come off their letters, other scripts are
    transliterated, marks and symbols outside ASCII are dropped."""
    other = pc.invert(pc.string_is_ascii(text))
    if pc.any(other).as_py():  # only the cells outside ASCII are rewritten
        text = pc.replace_with_mask(text, other, _ascii_of_characters(text.filter(other)))
    return pc.ascii_lower(text)


def _ascii_of_characters(text: pa.Array) -> pa.Array:
    """Each character of each cell replaced by its ASCII (`_ascii_of_character`: "é" -> "e",
    "ﬁ" -> "fi", "ø" -> "o", a combining accent -> nothing), which is `_ascii_of` of the cell.

    Each distinct character is folded once, and numpy lays out the new bytes: a million names hold
    a few hundred distinct accented letters.
    """
    text = text.cast(pa.large_string())
    if text.buffers()[2] is None:  # no cell holds a byte
        return text
    bounds = offsets(text)
    data = np.frombuffer(text.buffers()[2], dtype=np.uint8)[bounds[0]:bounds[-1]]
    lead = np.flatnonzero(data >= 0xC0)  # the first byte of each character outside ASCII (UTF-8)
    first = data[lead]
    size = 1 + (first >= 0xE0) + (first >= 0xF0)  # how many bytes follow it
    point = (first & np.where(size == 1, 0x1F, np.where(size == 2, 0x0F, 0x07))).astype(np.int64)
    for k in (1, 2, 3):
        more = size >= k
        point[more] = (point[more] << 6) | (data[lead[more] + k] & 0x3F)
    codes, distinct = pd.factorize(point)
    folds = [_ascii_of_character(chr(c)).encode("ascii") for c in distinct]
    fold_size = np.array([len(f) for f in folds], dtype=np.int64)
    fold_bytes = np.frombuffer(b"".join(folds) or b"\0", dtype=np.uint8)
    fold_start = np.cumsum(fold_size) - fold_size
    sizes = fold_size[codes]
    # The first byte of a fold takes its character's first byte's place; the character's other
    # bytes go, and so does a character whose fold is empty.
    out = data.copy()
    filled = lead[sizes > 0]
    out[filled] = fold_bytes[fold_start[codes[sizes > 0]]]
    keep = data < 0x80
    keep[filled] = True
    dropped = np.flatnonzero(~keep)
    out = out[keep]
    starts = bounds - bounds[0]
    starts = starts - np.searchsorted(dropped, starts)
    longer = np.flatnonzero(sizes > 1)
    if len(longer):  # a fold of several letters ("ﬁ" -> "fi"): the rest go in after the first
        at = lead[longer] - np.searchsorted(dropped, lead[longer]) + 1
        extra = sizes[longer] - 1
        within = np.arange(int(extra.sum())) - np.repeat(np.cumsum(extra) - extra, extra)
        out = np.insert(out, np.repeat(at, extra), fold_bytes[np.repeat(fold_start[codes[longer]] + 1, extra) + within])
        # A cell starting at or after such a place moves by the letters inserted before it.
        moved = np.zeros(len(at) + 1, dtype=np.int64)
        np.cumsum(extra, out=moved[1:])
        starts = starts + moved[np.searchsorted(at, starts, side="right")]
    return pa.LargeStringArray.from_buffers(len(text), pa.py_buffer(starts), pa.py_buffer(out))


def _words(text: pa.Array, ampersand: bool = False, apostrophes: bool = False) -> pa.Array:
    """Per (ASCII, lower-case) cell, ``" ".join(re.sub("[^a-z0-9]+", " ", cell).split())``, after
    ``&`` is written ``and`` (`ampersand`) and apostrophes are dropped (`apostrophes`).

    The regular expression runs only on the cells that need it (most names are words and spaces).
    """
    messy = pc.match_substring_regex(text, "[^a-z0-9 ]|  |^ | $")
    if not pc.any(messy).as_py():
        return text
    part = text.filter(messy)
    if ampersand:
        part = pc.replace_substring(part, "&", " and ")
    if apostrophes:
        part = pc.replace_substring(part, "'", "")
    part = pc.ascii_trim(pc.replace_substring_regex(part, "[^a-z0-9]+", " "), " ")
    return pc.replace_with_mask(text, messy, part)


@lru_cache(maxsize=1 << 17)
def _slug(name: str) -> str:
    text = _ascii_of(name).lower()
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-")[:40].strip("-") or "x"


def clean_text(values: pd.Series) -> pd.Series:
    """Cells with surrounding and repeated white space removed; every value text.

    >>> clean_text(pd.Series([" Ana  Silva ", "Ben\\tIto", None])).tolist()
    ['Ana Silva', 'Ben Ito', '']
    """
    try:
        text = arrow_text(values).fill_null("")
    except (pa.ArrowInvalid, pa.ArrowTypeError):  # not all text
        text = arrow_text(values.fillna("").astype(str))
    if may_have_outer_space([text]):  # most exports' cells are trimmed already: a glance at their edges
        text = pc.utf8_trim_whitespace(text)
    # Runs of white space inside cells are rare: a byte search tells, far cheaper than a regex per cell.
    if _may_hold_inner_space(text):
        messy = pc.match_substring_regex(text, "  |\t|\n|\r|\xa0")
        if pc.any(messy).as_py():
            text = pc.if_else(messy, pc.replace_substring_regex(text, _WHITE_RUN, " "), text)
    return text_series(text, values.index)


#: The characters Python's ``\s`` reads as white space, for Arrow's regular expressions (RE2's ``\s``
#: is ASCII only: it would leave a no-break space inside a name or an e-mail).
SPACE_CHARS = r"\t\n\x0b\x0c\r\x1c-\x1f\x{85}\p{Z}"
_WHITE_RUN = "[" + SPACE_CHARS + "]+"


def _may_hold_inner_space(text: pa.Array) -> bool:
    """Whether any cell of a large_string array may hold two spaces, a tab, a line break or a no-break space."""
    blob = cell_bytes(text).tobytes()
    # One-byte searches are memchr (GB/s); the two-byte one is not, so it runs only where a space is.
    return any(mark in blob for mark in (b"\t", b"\n", b"\r", b"\xa0")) or (b" " in blob and b"  " in blob)


def find_column(columns, *names: str) -> str | None:
    """The first of `columns` whose folded name is one of `names` (case, spaces, ``_`` ignored).

    >>> find_column(["Record ID", "first name"], "First Name")
    'first name'
    """
    wanted = [_fold(n) for n in names]
    folded = {}
    for col in columns:
        folded.setdefault(_fold(col), col)
    for name in wanted:
        if name in folded:
            return folded[name]
    return None


def _fold(name: str) -> str:
    return re.sub(r"[^a-z0-9]", "", str(name).lower())
