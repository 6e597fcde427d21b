"""graphcrm: a graph-based lead relationship explorer for sales teams."""

__version__ = "0.1.0"
