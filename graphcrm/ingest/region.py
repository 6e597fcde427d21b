"""The default phone region of a file that names none: from the script its headers and names are in.

A Chinese CRM export or trade-show list (中文 headers, or mostly Chinese names and companies) gets
CN, so a mobile written 13812345678 is +8613812345678; Japanese (kana) gets JP, Korean (hangul)
KR; anything else the default, US. ``--region`` (the web page's "Default phone region") wins over
all of this.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

DEFAULT_REGION = "US"
SAMPLE_ROWS = 200  # cells of a column looked at
# Fields whose cells say which language the people in a file write in.
NAME_FIELDS = ("name", "first_name", "last_name", "company_name", "city")

_KANA = re.compile(r"[\u3040-\u30ff]")  # hiragana, katakana: Japanese (whose names are often kanji alone)
_HANGUL = re.compile(r"[\uac00-\ud7af]")
_HAN = re.compile(r"[\u4e00-\u9fff\u3400-\u4dbf]")  # CJK ideographs: Chinese, unless kana come with them


def script_region(texts: Iterable[Any]) -> str | None:
    """The region of the script most of the (non-blank) texts are written in, or None (Latin, mixed, empty)."""
    seen = han = kana = hangul = 0
    for text in texts:
        if not isinstance(text, str) or not text.strip():
            continue
        seen += 1
        if _HANGUL.search(text):
            hangul += 1
        elif _KANA.search(text):
            kana += 1
        elif _HAN.search(text):
            han += 1
    if hangul * 2 > seen:
        return "KR"
    if (han + kana) * 2 > seen:
        return "JP" if kana else "CN"
    return None


def detect_region(headers: Iterable[str], cells: dict[str, list[Any]]) -> str:
    """The phone region for a file: its headers' script, else its names' and companies', else US.

    ``cells`` holds a sample of the mapped columns (canonical field -> values).
    """
    found = script_region(headers)
    if found:
        return found
    sample = [v for field in NAME_FIELDS for v in cells.get(field, [])[:SAMPLE_ROWS]]
    return script_region(sample) or DEFAULT_REGION
