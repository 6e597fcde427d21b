"""Web domains from email addresses and websites."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any
from urllib.parse import urlsplit

import idna

from graphcrm.ingest.normalise.text import clean_text, fold_width

_DOMAIN = re.compile(r"^(?=.{3,253}$)(?:[a-z0-9\u00a1-\uffff](?:[a-z0-9\u00a1-\uffff-]{0,61}[a-z0-9\u00a1-\uffff])?\.)+"
                     r"[a-z\u00a1-\uffff][a-z0-9\u00a1-\uffff-]{1,62}$")


@lru_cache(maxsize=65536)
def _clean_domain(host: str) -> str | None:
    """Lowercase host without "www."; IDNs in their Unicode form (bücher.de, not xn--bcher-kva.de)."""
    host = host.strip().strip(".").lower()
    if not host.isascii() or "xn--" in host:
        try:
            host = idna.decode(idna.encode(host, uts46=True))
        except (idna.IDNAError, UnicodeError, ValueError):
            return None
    host = host.removeprefix("www.")
    return host if _DOMAIN.match(host) else None


def email_domain(email: str | None) -> str | None:
    """The domain of an email address ("a@Sub.Example.cn" -> "sub.example.cn"); None when there is none."""
    if not email or not isinstance(email, str) or "@" not in email:
        return None
    return _clean_domain(fold_width(email).rsplit("@", 1)[1])


def website_domain(value: Any) -> str | None:
    """``https://www.Ray.com/about`` -> ``ray.com``; None when it is not a web address (never an error)."""
    text = clean_text(value)
    if text is None:
        return None
    text = fold_width(text)
    if "@" in text and "/" not in text:
        return email_domain(text)
    if "://" not in text:
        text = "http://" + text.lstrip("/")
    try:
        host = urlsplit(text).hostname
    except ValueError:
        return None
    return _clean_domain(host) if host else None
