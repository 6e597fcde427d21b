"""A small graph for web-form tests: one campaign on a trade-show source, one without, two reps."""

from __future__ import annotations

import pandas as pd

from graphcrm.store import Store


def load_world(store: Store) -> None:
    store.bulk_create_nodes("Source", pd.DataFrame({"id": ["s-expo"], "name": ["Trade show"]}))
    store.bulk_create_nodes("Campaign", pd.DataFrame({
        "id": ["k-expo", "k-web"], "name": ["Spring Expo <b>2026</b>", "Website"], "status": ["active", "active"]}))
    store.bulk_create_rels("ON_CHANNEL", "Campaign", "Source", pd.DataFrame({"from": ["k-expo"], "to": ["s-expo"]}))
    store.bulk_create_nodes("Rep", pd.DataFrame({"id": ["r-ann", "r-bob"], "name": ["Ann Lee", "Bob Ng"],
                                                "active": [True, True]}))
