"""The demo CRM: a deterministic generator and its bulk loader (``graphcrm demo``)."""
