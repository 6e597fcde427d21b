"""Users, roles and passwords."""

from graphcrm.auth.users import ROLES, User, UserError

__all__ = ["ROLES", "User", "UserError"]
