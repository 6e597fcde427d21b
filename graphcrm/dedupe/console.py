"""Plain-text and JSON views of deduplication results for the command line."""

from __future__ import annotations

from typing import Any

from graphcrm.dedupe.merge import RECORD_LABELS
from graphcrm.store import Store

SHOWN_REASONS = 4


def describe_records(store: Store, ids: set[str]) -> dict[str, dict[str, Any]]:
    """Each record named by its internal id, label, external id, source system and name."""
    out: dict[str, dict[str, Any]] = {}
    wanted = sorted(ids)
    for label in RECORD_LABELS:
        if len(out) == len(wanted):
            break
        for row in store.read("ingest/nodes_by_id", label=label, ids=[i for i in wanted if i not in out]):
            node = row["node"]
            out[row["id"]] = {"id": row["id"], "label": label, "external_id": node.get("external_id"),
                              "source_system": node.get("source_system"), "name": node.get("name")}
    return out


def print_dedupe(out: dict[str, Any], thresholds: Any) -> str:
    """The pairs (best first) with their strongest reasons, then the clusters."""
    run = out["run"]
    lines = [f"{run['entity']}: {run['records']:,} records ({run['new_records']:,} new), "
             f"{run['compared']:,} pairs compared in {run['seconds']} s"]
    for merged in out["merged"]:
        lines.append(f"auto-merged into {merged['survivor']}: {', '.join(merged['absorbed'])} ({merged['merge_id']})")
    lines.append(f"{len(out['pairs'])} pairs at or above {thresholds.review} "
                 f"(auto-merge at {thresholds.auto}), {len(out['clusters'])} clusters")
    for pair in out["pairs"]:
        zone = "auto" if pair["score"] >= thresholds.auto else "review"
        reasons = ", ".join(f"{r['field']} {r['level']} {r['weight']:+.1f}" for r in pair["reasons"]
                            if r["status"] not in ("missing", "info"))
        lines.append(f"{pair['score']:.3f} {zone:<6} {_name(pair['a'])}  ~  {_name(pair['b'])}")
        lines.append(f"       {_shorten(reasons)}")
    for i, cluster in enumerate(out["clusters"], start=1):
        lines.append(f"cluster {i}: " + "; ".join(_name(r) for r in cluster))
    return "\n".join(lines)


def _name(record: dict[str, Any]) -> str:
    return (f"{record['label']} {record.get('source_system') or '-'}/{record.get('external_id') or '-'} "
            f"{record.get('name') or ''} [{record['id']}]")


def _shorten(text: str, limit: int = 110) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"
