"""The Flask web UI and JSON API."""

from graphcrm.web.app import create_app

__all__ = ["create_app"]
