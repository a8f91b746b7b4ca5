"""The folds that match companies and people, and make ids, give the same result on a whole column
(Arrow kernels, `company_keys`, `name_keys`, `slugs`) as on one value (Python, `normalize_company`,
`normalize_person_name`, `_slug`): an import matches a company or a person whichever way it folded it.
"""

from __future__ import annotations

import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from graphmap.imports.normalize import (_slug, company_keys, name_keys, normalize_company, normalize_person_name,
                                        slugs)

# Letters written with dots, and near misses: "S.p.A.", "a.9.", "ﬁ.a" ("ﬁ" folds to two letters),
# "é.S" (to one), "s..a".
_DOTTED = st.lists(st.sampled_from(list("asLCpé9ﬁ") + [""]), min_size=1, max_size=4).map(".".join)
# Any character Python knows (unassigned code points have no agreed decomposition) and no surrogate
# (not text), with the ones the folds treat specially made common.
_CHAR = st.one_of(
    st.characters(blacklist_categories=("Cs", "Cn")),
    st.sampled_from(list("aZ09 &'-.,/\t\u00a0\u2019éØßİﬁ¼Ǆ㎏𝐀ｱ\uff07") +
                    [" inc", " GmbH", " co", " Ltd.", "Inc", " and", " & Co. KG", " S.A.", " N.V", "L.L.C.",
                     " A/S", "a/", " (publ)", " de C.V.", "The ", "the", "王", "Ж", "ł", "Ø"]),
    _DOTTED,
)
_TEXT = st.lists(_CHAR, max_size=30).map("".join)

REAL = ["Cobalt Mining, Inc.", "Cobalt Mining Inc", "  Müller & Söhne GmbH ", "Ørsted A/S", "Co Inc", "AB Co",
        "Acme Holdings Inc Inc", "José  O'Neil-Smith", "Zoë D’Arcy", "İlkay Gündoğan", "ﬁnance ltd", "!!", "",
        "Société Générale S.A.", "Fiat S.p.A", "J.P. Morgan & Co.", "Baz GmbH & Co. KG", "x.ray a.b.c9 ﬁ.a",
        "Co & Co", "株式会社トヨタ", "Straße AG", "Dana Reyes" * 6, "ﬁn ¼ Ǆemal ㎏ 𝐀da Ｏ＇Ｎｅｉｌ"]


def _same(values: list[str]) -> None:
    column = pd.Series(values, dtype="str")
    assert company_keys(column).tolist() == [normalize_company(v) for v in values]
    assert name_keys(column).tolist() == [normalize_person_name(v) for v in values]
    assert slugs(column).tolist() == [_slug(v) for v in values]


def test_real_names_fold_the_same_on_a_column_as_one_by_one():
    _same(REAL)
    assert company_keys(pd.Series(REAL[:3], dtype="str")).tolist() == ["cobalt mining"] * 2 + ["muller and sohne"]


@settings(max_examples=300, deadline=None)
@given(st.lists(_TEXT, min_size=1, max_size=20))
def test_any_text_folds_the_same_on_a_column_as_one_by_one(values):
    _same(values)


def test_a_missing_cell_folds_to_blank():
    column = pd.Series(["Acme", None], dtype="str")
    assert company_keys(column).tolist() == ["acme", ""]
    assert name_keys(column).tolist() == ["acme", ""]
