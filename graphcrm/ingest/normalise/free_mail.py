"""Free and personal mail providers: an address there says nothing about the employer."""

from __future__ import annotations

FREE_MAIL = frozenset({
    # International
    "gmail.com", "googlemail.com", "ymail.com", "rocketmail.com", "outlook.com", "hotmail.com", "live.com",
    "msn.com", "passport.com", "icloud.com", "me.com", "mac.com", "aol.com", "aim.com", "proton.me",
    "protonmail.com", "protonmail.ch", "pm.me", "gmx.com", "gmx.net", "web.de", "mail.com", "email.com",
    "mail.ru", "inbox.ru", "list.ru", "bk.ru", "yandex.com", "ya.ru", "zoho.com", "zohomail.com",
    "tutanota.com", "tuta.io", "fastmail.com", "fastmail.fm", "hey.com", "hushmail.com", "mailfence.com",
    "naver.com", "daum.net", "hanmail.net", "rediffmail.com", "libero.it", "virgilio.it", "orange.fr",
    "wanadoo.fr", "free.fr", "laposte.net", "sfr.fr", "t-online.de", "freenet.de", "btinternet.com",
    "sky.com", "virginmedia.com", "comcast.net", "verizon.net", "att.net", "sbcglobal.net", "bellsouth.net",
    "cox.net", "charter.net", "earthlink.net", "optonline.net", "shaw.ca", "rogers.com", "sympatico.ca",
    "bigpond.com", "optusnet.com.au", "seznam.cz", "wp.pl", "o2.pl", "interia.pl", "onet.pl",
    # Chinese
    "qq.com", "vip.qq.com", "foxmail.com", "163.com", "126.com", "yeah.net", "vip.163.com", "vip.126.com",
    "188.com", "netease.com", "sina.com", "sina.cn", "vip.sina.com", "sina.com.cn", "sohu.com", "vip.sohu.com",
    "139.com", "189.cn", "wo.cn", "wo.com.cn", "aliyun.com", "tom.com", "21cn.com", "263.net", "yahoo.com.cn",
    "hotmail.com.cn", "live.cn", "outlook.cn",
})
# Providers with a domain in many countries (yahoo.co.uk, hotmail.fr, gmx.at, yandex.kz ...):
# this first label followed by a country or generic ending is free mail.
FREE_MAIL_BRANDS = frozenset({"yahoo", "hotmail", "outlook", "live", "gmx", "yandex", "windowslive"})


def is_free_mail(domain: str | None) -> bool:
    """True for personal mail providers (gmail.com, yahoo.co.uk, qq.com, 163.com ...)."""
    if not domain:
        return False
    domain = domain.strip().strip(".").lower()
    if domain in FREE_MAIL:
        return True
    brand, _, ending = domain.partition(".")
    labels = ending.split(".")
    # the ending must look like a public suffix (fr, co.uk, com.cn), not a company's own domain
    return brand in FREE_MAIL_BRANDS and 1 <= len(labels) <= 2 and all(0 < len(x) <= 3 for x in labels)
