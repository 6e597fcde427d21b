"""Leads related to a lead, ranked, each with the reasons that connect them."""

from __future__ import annotations

from collections import defaultdict
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

from graphcrm.queries.nodes import NotFound, fetch_nodes
from graphcrm.queries.subgraph import Node
from graphcrm.store import Store

# How strongly one shared thing says "these two leads belong together" (0-1). Reasons
# combine as independent evidence: strength = 1 - prod(1 - weight). Shared identifiers
# mean the same person or household; a company or domain the same account; campaigns
# and an owner only a weak context, so they rank but never dominate.
WEIGHTS: dict[str, float] = {
    "email": 0.95,
    "converted_contact": 0.9,
    "phone": 0.85,
    "referral": 0.8,
    "company": 0.6,
    "same_referrer": 0.5,
    "same_referring_contact": 0.5,
    "domain": 0.45,
    "campaign": 0.12,
    "owner": 0.1,
}
# A campaign with more touches than this is crowded: that two of its thousands of leads were
# both in it says nothing of them, and ranking its co-members read tens of thousands of
# touches a page. Crowded campaigns are left out of the ranking and named beside it instead.
CROWDED_CAMPAIGN_TOUCHES = 1000
_BACKGROUND = ThreadPoolExecutor(max_workers=2, thread_name_prefix="related-leads")
# (reason, relationship type, label of the shared node)
SHARED = (
    ("email", "HAS_EMAIL", "Email"),
    ("phone", "HAS_PHONE", "Phone"),
    ("company", "WORKS_AT", "Company"),
    ("domain", "HAS_DOMAIN", "Domain"),
    ("converted_contact", "CONVERTED_TO", "Contact"),
)
_VIA_LABEL = {reason: label for reason, _, label in SHARED} | {
    "campaign": "Campaign", "owner": "Rep", "referral": "Lead", "same_referrer": "Lead",
    "same_referring_contact": "Contact",
}


@dataclass(frozen=True)
class Reason:
    """One thing two leads share: what kind, through which node."""

    kind: str
    via_label: str
    via_id: str
    via_name: str
    weight: float


@dataclass
class RelatedLead:
    """A related lead, its strength (0-1) and every reason behind it."""

    lead: Node
    strength: float = 0.0
    reasons: list[Reason] = field(default_factory=list)

    @property
    def kinds(self) -> list[str]:
        """The distinct reason kinds, strongest first."""
        seen: dict[str, float] = {}
        for r in self.reasons:
            seen.setdefault(r.kind, r.weight)
        return sorted(seen, key=lambda k: -seen[k])


@dataclass(frozen=True)
class CampaignSize:
    """One of a lead's campaigns and its number of touches in all."""

    id: str
    name: str
    touches: int


def crowded_campaigns(store: Store, lead_id: str) -> list[CampaignSize]:
    """The lead's campaigns with more than ``CROWDED_CAMPAIGN_TOUCHES`` touches, largest first:
    the ones ``related_leads`` does not count."""
    return sorted((c for c in _campaign_sizes(store, lead_id) if c.touches > CROWDED_CAMPAIGN_TOUCHES),
                  key=lambda c: (-c.touches, c.name, c.id))


def _campaign_sizes(store: Store, lead_id: str) -> list[CampaignSize]:
    return [CampaignSize(r["id"], r["name"] or r["id"], int(r["touches"]))
            for r in store.read("explore/lead_campaign_sizes", id=lead_id)]


def related_leads(store: Store, lead_id: str, *, limit: int = 25) -> list[RelatedLead]:
    """Leads sharing an email, phone, company, domain, converted contact, referral,
    campaigns (not crowded ones) or owner with ``lead_id``, strongest first (ties by name)."""
    if not fetch_nodes(store, [("Lead", lead_id)]):
        raise NotFound(f"no Lead with id {lead_id!r}")
    # ranking the leads that share campaigns is the slowest query (thousands of touch rows
    # aggregated in the database): it runs beside the others
    campaigns = [c.id for c in _campaign_sizes(store, lead_id) if c.touches <= CROWDED_CAMPAIGN_TOUCHES]
    shared_campaigns = _BACKGROUND.submit(store.read, "explore/related_campaigns", id=lead_id, campaigns=campaigns) \
        if campaigns else None
    found: dict[str, list[tuple[str, str]]] = defaultdict(list)  # lead id -> [(kind, via id)]
    kinds = {(rel, label): kind for kind, rel, label in SHARED}
    for own in store.read("explore/related_via", id=lead_id):
        rel, label, via = own["rel"], own["kind"], own["via"]
        if rel == "TOUCHED_BY":
            continue  # campaigns are ranked by the background query
        if rel == "REFERRED_BY":
            # the referrer itself is a referral; whoever else it referred shares the referrer
            kind = "same_referrer" if label == "Lead" else "same_referring_contact"
            if label == "Lead":
                found[via].append(("referral", via))
        else:
            kind = kinds.get((rel, label))
        if kind is None:
            continue
        for row in store.read("explore/related_sharing", rel=rel, label_via=label, via=via, id=lead_id):
            found[row["id"]].append((kind, via))
    for row in store.read("explore/related_referred", id=lead_id):
        found[row["id"]].append(("referral", lead_id))
    for row in shared_campaigns.result() if shared_campaigns else []:
        found[row["id"]].extend(("campaign", c) for c in sorted(set(row["via"])))
    found.pop(lead_id, None)
    # the owner is a weak tie that only reorders: check it for the short list alone
    shortlist = [other for _, other, _ in _rank(found)[: limit * 2]]
    if shortlist:
        for row in store.read("explore/related_owner", id=lead_id, candidates=shortlist):
            found[row["id"]].append(("owner", row["via"]))
    top = _rank({k: found[k] for k in shortlist})[:limit]
    names = _names(store, top, lead_id)
    leads = fetch_nodes(store, (("Lead", other) for _, other, _ in top))
    result = []
    for strength, other, reasons in top:
        node = leads.get(f"Lead:{other}")
        if node is None:
            continue
        result.append(RelatedLead(node, strength, [
            Reason(kind, _VIA_LABEL[kind], via, names.get(f"{_VIA_LABEL[kind]}:{via}", via), WEIGHTS[kind])
            for kind, via in sorted(reasons, key=lambda r: (-WEIGHTS[r[0]], r[1]))
        ]))
    result.sort(key=lambda r: (-r.strength, r.lead.name.lower(), r.lead.id))
    return result


def _rank(found: dict[str, list[tuple[str, str]]]) -> list[tuple[float, str, list[tuple[str, str]]]]:
    """(strength, lead id, distinct reasons), strongest first. Each shared thing counts once:
    three shared campaigns are three pieces of evidence, one email seen twice is one."""
    scored = []
    for other, reasons in found.items():
        distinct = sorted(set(reasons))
        strength = 1.0
        for kind, _ in distinct:
            strength *= 1 - WEIGHTS[kind]
        scored.append((round(1 - strength, 4), other, distinct))
    scored.sort(key=lambda s: (-s[0], s[1]))
    return scored


def _names(store: Store, top: list, lead_id: str) -> dict[str, str]:
    keys = {(_VIA_LABEL[kind], via) for _, _, reasons in top for kind, via in reasons}
    return {key: node.name for key, node in fetch_nodes(store, keys).items()}
