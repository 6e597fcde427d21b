"""Keep the UI catalogs in step: extract strings, update catalogs, compile.

    python tools/i18n.py update    # after adding UI strings: extract and merge into every catalog
    python tools/i18n.py compile   # after translating: write the .mo files the app loads
    python tools/i18n.py check     # list untranslated or fuzzy entries (exit 1 if any)
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parents[1]
TRANSLATIONS = ROOT / "graphcrm" / "web" / "translations"
POT = TRANSLATIONS / "messages.pot"


def pybabel(*args: str) -> None:
    subprocess.run([sys.executable, "-m", "babel.messages.frontend", *args], check=True, cwd=ROOT)


def fill_english() -> None:
    """English is the source language: its catalog repeats every message id."""
    path = TRANSLATIONS / "en" / "LC_MESSAGES" / "messages.po"
    with path.open("rb") as fh:
        catalog = read_po(fh)
    for message in catalog:
        if message.pluralizable and not all(message.string):
            message.string = tuple(message.id)
        elif message.id and not message.string:
            message.string = message.id
    with path.open("wb") as fh:
        write_po(fh, catalog, no_location=True, sort_output=True)


def untranslated() -> list[str]:
    problems = []
    for po in sorted(TRANSLATIONS.glob("*/LC_MESSAGES/messages.po")):
        with po.open("rb") as fh:
            catalog = read_po(fh)
        for message in catalog:
            if message.id and (not message.string or message.fuzzy or
                               (isinstance(message.string, tuple) and not all(message.string))):
                problems.append(f"{po.parent.parent.name}: {message.id!r}")
    return problems


def main(command: str) -> int:
    if command == "update":
        pybabel("extract", "-F", "babel.cfg", "-k", "_l", "-k", "lazy_gettext", "--no-location",
                "--sort-output", "--project", "graphcrm", "-o", str(POT), ".")
        pybabel("update", "-i", str(POT), "-d", str(TRANSLATIONS), "--no-fuzzy-matching")
        fill_english()
    elif command == "compile":
        pybabel("compile", "-d", str(TRANSLATIONS), "--statistics")
    elif command == "check":
        problems = untranslated()
        print("\n".join(problems) or "all entries translated")
        return 1 if problems else 0
    else:
        print(__doc__)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else ""))
