"""Web domains from email addresses and websites, and which ones are free mail."""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import urlsplit

from graphcrm.ingest.normalise.text import blank, fold_width

_DOMAIN = re.compile(r"^(?=.{3,253}$)([a-z0-9\u00a1-\uffff-]{1,63}\.)+[a-z\u00a1-\uffff][a-z0-9\u00a1-\uffff-]{1,62}$")

# Personal mail providers: a shared address here says nothing about the employer.
FREE_MAIL = frozenset({
    "gmail.com", "googlemail.com", "yahoo.com", "yahoo.co.uk", "yahoo.co.jp", "yahoo.fr", "yahoo.de",
    "yahoo.com.cn", "yahoo.com.hk", "yahoo.com.tw", "ymail.com", "rocketmail.com", "hotmail.com",
    "hotmail.co.uk", "hotmail.fr", "hotmail.de", "outlook.com", "outlook.fr", "live.com", "live.cn",
    "live.co.uk", "msn.com", "icloud.com", "me.com", "mac.com", "aol.com", "aim.com", "proton.me",
    "protonmail.com", "pm.me", "gmx.com", "gmx.de", "gmx.net", "web.de", "mail.com", "mail.ru",
    "yandex.ru", "yandex.com", "zoho.com", "zohomail.com", "tutanota.com", "fastmail.com", "hey.com",
    "qq.com", "vip.qq.com", "foxmail.com", "163.com", "126.com", "yeah.net", "vip.163.com", "vip.126.com",
    "sina.com", "sina.cn", "vip.sina.com", "sohu.com", "139.com", "189.cn", "wo.cn", "aliyun.com",
    "tom.com", "21cn.com", "naver.com", "daum.net", "hanmail.net", "rediffmail.com", "libero.it",
    "orange.fr", "free.fr", "laposte.net", "t-online.de", "btinternet.com", "comcast.net", "verizon.net",
    "att.net", "sbcglobal.net",
})


def _clean_domain(host: str) -> str | None:
    host = host.strip().strip(".").lower()
    if host.startswith("www."):
        host = host[4:]
    try:
        host = host.encode("idna").decode("ascii").lower() if not host.isascii() else host
    except UnicodeError:
        return None
    return host if _DOMAIN.match(host) else None


def email_domain(email: str | None) -> str | None:
    """The domain of a (normalised) email address."""
    if not email or "@" not in email:
        return None
    return _clean_domain(email.rsplit("@", 1)[1])


def website_domain(value: Any) -> str | None:
    """``https://www.Ray.com/about`` -> ``ray.com``; None when it is not a web address."""
    if blank(value):
        return None
    text = fold_width(str(value)).strip()
    if "@" in text and "/" not in text:
        return email_domain(text)
    if "://" not in text:
        text = "http://" + text
    try:
        host = urlsplit(text).hostname
    except ValueError:
        return None
    return _clean_domain(host) if host else None


def is_free_mail(domain: str | None) -> bool:
    """True for personal mail providers (gmail.com, qq.com, 163.com ...)."""
    return bool(domain) and domain.lower() in FREE_MAIL
