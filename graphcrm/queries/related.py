"""Leads related to a lead, ranked, each with the reasons that connect them."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from graphcrm.queries.nodes import fetch_nodes, get_node
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


def related_leads(store: Store, lead_id: str, *, limit: int = 25, per_reason: int = 200) -> list[RelatedLead]:
    """Leads sharing an email, phone, company, domain, converted contact, referral,
    campaigns or owner with ``lead_id``, strongest first (ties by name)."""
    get_node(store, "Lead", lead_id)
    found: dict[str, list[tuple[str, str]]] = defaultdict(list)  # lead id -> [(kind, via id)]
    for kind, rel, via_label in SHARED:
        for row in store.read("explore/related_shared", rel=rel, label_via=via_label, id=lead_id, limit=per_reason):
            found[row["id"]].append((kind, row["via"]))
    # a referral's via is the referrer: the other lead, or this one
    for row in store.read("explore/related_referrer", id=lead_id):
        found[row["id"]].append(("referral", row["id"]))
    for row in store.read("explore/related_referred", id=lead_id):
        found[row["id"]].append(("referral", lead_id))
    for kind, label in (("same_referrer", "Lead"), ("same_referring_contact", "Contact")):
        for row in store.read("explore/related_same_referrer", label_via=label, id=lead_id):
            found[row["id"]].append((kind, row["via"]))
    shared_campaigns = {
        row["id"]: int(row["shared"])
        for row in store.read("explore/related_campaigns", id=lead_id, limit=per_reason)
    }
    found.pop(lead_id, None)
    # rank on everything but the owner (a weak tie that only reorders), then name the
    # shared campaigns and check the owner for the leads that will be shown
    ranked = _rank({k: [*found.get(k, []), *[("campaign", "")] * shared_campaigns.get(k, 0)]
                    for k in found.keys() | shared_campaigns.keys()})
    shortlist = [other for _, other, _ in ranked[: limit * 2]]
    campaign_ids = [o for o in shortlist if o in shared_campaigns]
    if campaign_ids:
        for row in store.read("explore/related_campaigns_via", id=lead_id, candidates=campaign_ids):
            found[row["id"]].append(("campaign", row["via"]))
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
        unnamed = [r for r in reasons if r == ("campaign", "")]
        named = [r for r in distinct if r != ("campaign", "")]
        evidence = named if any(k == "campaign" for k, _ in named) else named + unnamed
        strength = 1.0
        for kind, _ in evidence:
            strength *= 1 - WEIGHTS[kind]
        scored.append((round(1 - strength, 4), other, [r for r in distinct if r != ("campaign", "")]))
    scored.sort(key=lambda s: (-s[0], s[1]))
    return scored


def _names(store: Store, top: list, lead_id: str) -> dict[str, str]:
    keys = {(_VIA_LABEL[kind], via) for _, _, reasons in top for kind, via in reasons}
    return {key: node.name for key, node in fetch_nodes(store, keys).items()}
