"""UI strings go through gettext, and both catalogs are complete and compiled."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from babel.messages.mofile import read_mo
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parents[1]
TRANSLATIONS = ROOT / "graphcrm" / "web" / "translations"


def _catalog(lang: str):
    with (TRANSLATIONS / lang / "LC_MESSAGES" / "messages.po").open("rb") as fh:
        return read_po(fh)


def test_every_ui_string_is_in_both_catalogs_and_translated(tmp_path):
    pot = tmp_path / "messages.pot"
    subprocess.run(
        [sys.executable, "-m", "babel.messages.frontend", "extract", "-F", "babel.cfg",
         "-k", "_l", "-k", "lazy_gettext", "-o", str(pot), "."],
        cwd=ROOT, check=True, capture_output=True,
    )
    with pot.open("rb") as fh:
        wanted = {m.id for m in read_po(fh) if m.id}
    assert len(wanted) > 10
    for lang in ("en", "zh"):
        catalog = _catalog(lang)
        have = {m.id: m.string for m in catalog if m.id}
        missing = wanted - have.keys()
        assert not missing, f"{lang}: run `python tools/i18n.py update`: {sorted(missing)[:5]}"
        empty = [k for k in wanted if not have[k] or k in {m.id for m in catalog if m.fuzzy}]
        assert not empty, f"{lang}: untranslated {sorted(empty)[:5]}"


def test_compiled_catalogs_match_their_sources():
    for lang in ("en", "zh"):
        source = {_hashable(m.id): _hashable(m.string) for m in _catalog(lang) if m.id}
        with (TRANSLATIONS / lang / "LC_MESSAGES" / "messages.mo").open("rb") as fh:
            compiled = {_hashable(m.id): _hashable(m.string) for m in read_mo(fh) if m.id}
        assert compiled == source, f"{lang}: run `python tools/i18n.py compile`"


def _hashable(value):
    """Plural entries read as lists from .mo files and tuples from .po files."""
    return tuple(value) if isinstance(value, (list, tuple)) else value


def test_chinese_catalog_really_is_chinese():
    chinese = [m.string for m in _catalog("zh") if m.id and m.id != "graphcrm"]
    assert chinese and all(any("\u4e00" <= ch <= "\u9fff" for ch in str(s)) for s in chinese)
