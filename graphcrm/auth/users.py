"""Users who sign in: rep, analyst or admin. Passwords are argon2id hashes; API tokens are
stored as SHA-256 digests (a token is random, so a fast digest is enough and lookups stay cheap)."""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import secrets
from dataclasses import dataclass
from functools import cache

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from graphcrm.store import Store
from graphcrm.clock import utc_now

ROLES = ("rep", "analyst", "admin")
MIN_PASSWORD = 10
_NAME = re.compile(r"^[\w.@+-]{2,64}$")
_hasher = PasswordHasher()  # argon2id with the library's current recommended parameters
# Set once the first user is created and never cleared: from then on no state of the users
# (all disabled, say) can reopen single-user mode.
USERS_EVER = "auth/users_ever"
_SESSION_KEY = "auth/session:"  # + user id: the current session version (a random nonce)



@cache
def _dummy_hash() -> str:
    """Verified against when the user does not exist, so failed sign-ins take equally long."""
    return _hasher.hash(secrets.token_hex(16))


class UserError(ValueError):
    """A user request that cannot be done (bad name, role or password; unknown user)."""


@dataclass(frozen=True)
class User:
    """A signed-in person (or the local single-user admin)."""

    id: str
    name: str
    role: str
    active: bool = True
    rep_id: str | None = None  # the Rep node a rep user works as (their leads, their day)

    @property
    def is_admin(self) -> bool:
        return self.role == "admin"

    def can(self, *roles: str) -> bool:
        """True when the user has one of ``roles`` (admins can do everything)."""
        return self.role == "admin" or self.role in roles


def _now() -> dt.datetime:
    return utc_now(microseconds=True)


def user_id(name: str) -> str:
    """The id of a user name (names are case-insensitive)."""
    return name.strip().lower()


def sign_in_name(raw: str) -> str:
    """The one normalised form of a posted sign-in name (trimmed, case-folded, cut to the longest
    name there can be): the rate limiter, the lookup and the log all key on it, so padding or
    case cannot make a "new" name for more guesses."""
    return raw.strip().casefold()[:64].strip()


def check_password(password: str) -> None:
    """Refuse passwords too short to be worth hashing."""
    if len(password) < MIN_PASSWORD:
        raise UserError(f"a password needs at least {MIN_PASSWORD} characters")


def add_user(store: Store, name: str, role: str, password: str, *, rep: str | None = None) -> User:
    """Create a user; refuses a taken name, an unknown role, a short password or an unknown
    ``rep`` (the Rep node's id, name or email that a rep user works as)."""
    name = name.strip()
    if not _NAME.match(name):
        raise UserError("a user name is 2-64 letters, digits or . _ @ + -")
    if role not in ROLES:
        raise UserError(f"role must be one of {', '.join(ROLES)}")
    check_password(password)
    with store.transaction():
        if store.read("auth/user_get", id=user_id(name)):
            raise UserError(f"user {name!r} exists already")
        rep_id = find_rep(store, rep) if rep else None
        store.write("auth/user_create", id=user_id(name), name=name, role=role,
                    password_hash=_hasher.hash(password), rep_id=rep_id, now=_now())
        store.write("meta/set", id=USERS_EVER, value="1", now=_now())
    return User(user_id(name), name, role, rep_id=rep_id)


def find_rep(store: Store, key: str) -> str:
    """The id of the one Rep whose id, name or email is ``key``."""
    found = store.read("auth/rep_lookup", key=key.strip())
    if len(found) != 1:
        raise UserError(f"no rep called {key!r}" if not found else f"{len(found)} reps match {key!r}: give the id")
    return found[0]["id"]


def get_user(store: Store, uid: str) -> User | None:
    """An active user by id, or None."""
    rows = store.read("auth/user_get", id=uid)
    if not rows or not rows[0]["active"]:
        return None
    row = rows[0]
    return User(row["id"], row["name"], row["role"], bool(row["active"]), row["rep_id"])


def list_users(store: Store) -> list[dict]:
    """Every user (no secrets)."""
    return store.read("auth/user_list")


def count_users(store: Store) -> int:
    """How many active users exist."""
    return int(store.read("auth/user_count")[0]["n"])


def users_ever(store: Store) -> bool:
    """True once any user has been created in this database (even if all are disabled now)."""
    return bool(store.read("meta/get", id=USERS_EVER)) or bool(store.read("auth/user_list"))


def session_version(store: Store, uid: str) -> str:
    """The user's current session version: a session cookie carrying another one is dead."""
    rows = store.read("meta/get", id=_SESSION_KEY + uid)
    return rows[0]["value"] if rows else "0"


def end_sessions(store: Store, uid: str) -> None:
    """End every session of the user at once (sign-out, new password, new role, disabled)."""
    store.write("meta/set", id=_SESSION_KEY + uid, value=secrets.token_hex(8), now=_now())


def authenticate(store: Store, name: str, password: str) -> User | None:
    """The user if ``password`` is right, else None (same work either way)."""
    name = sign_in_name(name)
    rows = store.read("auth/user_get", id=user_id(name)) if name else []
    stored = rows[0]["password_hash"] if rows else _dummy_hash()
    try:
        _hasher.verify(stored, password)
    except (VerificationError, InvalidHashError):
        return None
    if not rows or not rows[0]["active"]:
        return None
    row = rows[0]
    if _hasher.check_needs_rehash(stored):
        store.write("auth/user_set_password", id=row["id"], password_hash=_hasher.hash(password), now=_now())
    store.write("auth/user_signed_in", id=row["id"], now=_now())
    return User(row["id"], row["name"], row["role"], rep_id=row["rep_id"])


def set_password(store: Store, name: str, password: str) -> None:
    """Replace a user's password."""
    check_password(password)
    if not store.write("auth/user_set_password", id=user_id(name), password_hash=_hasher.hash(password), now=_now()):
        raise UserError(f"no user {name!r}")
    end_sessions(store, user_id(name))


def set_role(store: Store, name: str, role: str) -> None:
    """Give a user another role (their sessions end: they sign in again with the new one)."""
    if role not in ROLES:
        raise UserError(f"role must be one of {', '.join(ROLES)}")
    if not store.write("auth/user_set_role", id=user_id(name), role=role, now=_now()):
        raise UserError(f"no user {name!r}")
    end_sessions(store, user_id(name))


def set_active(store: Store, name: str, active: bool) -> None:
    """Enable or disable a user (a disabled user cannot sign in or use a token)."""
    if not store.write("auth/user_set_active", id=user_id(name), active=active, now=_now()):
        raise UserError(f"no user {name!r}")
    end_sessions(store, user_id(name))


def new_token(store: Store, name: str) -> str:
    """A fresh API token for the user (shown once; only its digest is stored)."""
    token = "gcrm_" + secrets.token_urlsafe(32)
    if not store.write("auth/user_set_token", id=user_id(name), token_hash=_digest(token), now=_now()):
        raise UserError(f"no user {name!r}")
    return token


def user_for_token(store: Store, token: str) -> User | None:
    """The active user an API token belongs to, or None."""
    if not token.startswith("gcrm_") or len(token) > 200:
        return None
    rows = store.read("auth/user_by_token", token_hash=_digest(token))
    return get_user(store, rows[0]["id"]) if rows else None


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()
