"""Working leads day to day: status and history, scoring, assignment, follow-ups, the pool, conversion.

Rules are pure functions (tested without a database); the graph writes around them run one
transaction per action, with an injectable clock so tests control time.
"""
