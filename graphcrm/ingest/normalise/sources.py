"""Lead source names: the channel families and their names in English and Chinese.

One vocabulary for the whole of graphcrm: ``channel_of`` gives a source's channel (stored on the
Source node), and ``alias_channel`` says whether a name is one of a channel's own words, which is
how an import matches 展会 to an existing "Trade Show" source instead of creating another.
"""

from __future__ import annotations

from functools import lru_cache

# channel -> its names. A name equal to one of these (case-insensitive) *is* the channel; a longer
# name containing one of more than three characters ("Spring Trade Show 2026") belongs to it.
CHANNELS: dict[str, tuple[str, ...]] = {
    "web": ("web", "website", "web site", "form", "web form", "网站", "官网", "官方网站", "表单", "网站表单",
            "direct traffic", "organic search", "seo", "自然搜索"),
    "paid_search": ("paid search", "ppc", "adwords", "google ads", "sem", "百度推广", "竞价", "搜索推广"),
    "social": ("social", "social media", "linkedin", "facebook", "twitter", "wechat", "微信", "微博", "抖音",
               "社交", "社交媒体"),
    "trade_show": ("trade show", "tradeshow", "trade fair", "expo", "exhibition", "conference", "展会", "会展",
                   "展览", "展览会", "博览会"),
    "referral": ("referral", "referred", "word of mouth", "推荐", "转介绍", "介绍", "客户推荐", "口碑"),
    "partner": ("partner", "reseller", "channel", "合作伙伴", "渠道", "代理", "代理商"),
    "email": ("email", "newsletter", "e-mail", "email marketing", "邮件", "电子邮件", "邮件营销", "offline sources"),
    "webinar": ("webinar", "seminar", "研讨会", "网络研讨会", "直播"),
    "advertisement": ("advert", "ad", "ads", "advertisement", "advertising", "display", "banner", "广告",
                      "网络广告"),
    "chat": ("chat", "live chat", "在线咨询", "客服", "在线客服"),
    "cold_call": ("cold call", "phone", "call", "telephone", "phone inquiry", "telemarketing", "电话", "电话营销",
                  "陌拜", "外呼", "来电"),
    "business_card": ("business card", "名片"),
    "import": ("import", "list", "purchased list", "导入", "名单"),
}


def _fold(name: str) -> str:
    return " ".join(name.casefold().replace("-", " ").replace("_", " ").replace("/", " ").split())


_ALIASES: dict[str, str] = {_fold(word): channel for channel, words in CHANNELS.items() for word in words}


@lru_cache(maxsize=65536)
def channel_of(source: str) -> str:
    """The channel family of a lead source name (``other`` when unknown)."""
    folded = source.casefold()
    for channel, words in CHANNELS.items():
        if any(w == folded or (len(w) > 3 and w in folded) for w in words):
            return channel
    return "other"


@lru_cache(maxsize=65536)
def alias_channel(source: str) -> str | None:
    """The channel a source name is one of the words of ("展会", "Trade-Show", "WEB"), else None.

    Only whole names count: "Partner Referral" is a source of its own, not an alias of "Referral".
    """
    folded = _fold(source)
    return _ALIASES.get(folded) or _ALIASES.get(folded.replace(" ", ""))
