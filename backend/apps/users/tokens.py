"""Secrets of sign-in: magic-link tokens and phone codes, and how they are stored."""

import hashlib
import hmac
import re
import secrets

from django.conf import settings

# token_urlsafe(32): 32 random bytes as 43 characters of URL-safe base64.
_MAGIC_TOKEN_RE = re.compile(r"[A-Za-z0-9_-]{43}")
_PHONE_CODE_RE = re.compile(r"[0-9]{6}")


def new_magic_token() -> str:
    return secrets.token_urlsafe(32)


def hash_magic_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def hash_refresh_token(token: str) -> str:
    """What simplejwt's outstanding-token list keeps instead of a refresh token (14 days' sign-in)."""
    return hash_magic_token(token)


def is_well_formed_magic_token(token: object) -> bool:
    return isinstance(token, str) and bool(_MAGIC_TOKEN_RE.fullmatch(token))


def new_phone_code() -> str:
    return f"{secrets.randbelow(10**6):06d}"


def hash_phone_code(*, verification_id: object, code: str) -> str:
    """Keyed, because a plain hash of a 6-digit code is reversed in a second."""
    message = f"{verification_id}:{code}".encode()
    return hmac.new(settings.SECRET_KEY.encode(), message, hashlib.sha256).hexdigest()


def is_well_formed_phone_code(code: object) -> bool:
    return isinstance(code, str) and bool(_PHONE_CODE_RE.fullmatch(code))


def constant_time_equal(a: str, b: str) -> bool:
    return hmac.compare_digest(a.encode(), b.encode())
