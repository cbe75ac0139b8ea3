"""Seal an exercise's explanation (or model answer) so that only the right answer opens it.

The packaged bank ships to every learner, including students who take a graded assignment
built from the same exercises. An explanation says why the right answer is right, so it must
not be readable before the learner has found that answer. :func:`seal` encrypts the text with
AES-GCM (from the ``cryptography`` library) under a random-looking *data key*, and stores that
data key once per accepted answer key, each time encrypted ("wrapped") under a key derived
with HKDF-SHA256 from the exercise's salt and that accepted answer key. The accepted keys are
the normalised answers of :mod:`smallstate.exercises.hashing` (for a numeric answer with a
tolerance, every point of the tolerance grid), so any answer that ``check`` accepts opens the
text, and nothing in the bank opens it without such an answer.

The protection is that of the answer hashes (see :mod:`smallstate.exercises.hashing`): a
learner who can guess the answer can open the explanation, which then tells them nothing they
could not have learnt from ``check``.

Open questions have no right answer. Their model answer is sealed under the fixed key
:data:`ATTEMPT_KEY`, so it is not readable in the bank file or in a released notebook, and
``check`` opens it once the learner has written an attempt. That is a lock against reading
ahead, not against a determined student: graded open questions are marked by hand.

Sealing is deterministic (the data key and nonces derive from the salt, the purpose and the
text), so rebuilding an unchanged bank gives identical bytes.

Examples
--------
>>> sealed = seal("Leng names defiance as the third element.", "00ff", ["defiance"], "explanation")
>>> "Leng" in str(sealed.to_json())
False
>>> unseal(sealed, "00ff", "defiance", "explanation")
'Leng names defiance as the third element.'
>>> unseal(sealed, "00ff", "deference", "explanation") is None
True
"""

from __future__ import annotations

import base64
import hashlib
import hmac
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, Final

__all__ = ["ATTEMPT_KEY", "PURPOSES", "Sealed", "seal", "unseal"]

#: The key that seals an open question's model answer: any written attempt opens it.
ATTEMPT_KEY: Final[str] = "attempt:written"
#: What a sealed text is; mixed into every derived key so one text never opens another.
PURPOSES: Final[tuple[str, ...]] = ("explanation", "model answer")


@dataclass(frozen=True)
class Sealed:
    """An encrypted text and its data key wrapped once per accepted answer key (base64).

    In the bank's JSON (``sealed_explanation``, ``sealed_model_answer``) it is ``{"text": ..., "keys": [...]}`` (:meth:`to_json`).
    """

    text: str
    keys: tuple[str, ...]

    def to_json(self) -> dict[str, Any]:
        """The JSON form stored in the bank."""
        return {"text": self.text, "keys": list(self.keys)}

    @classmethod
    def from_json(cls, record: Any, where: str = "bank") -> Sealed | None:
        """Read the JSON form (``None`` stays ``None``); a malformed record raises naming ``where``."""
        if record is None:
            return None
        if (
            not isinstance(record, dict)
            or not isinstance(record.get("text"), str)
            or not isinstance(record.get("keys"), list)
        ):
            raise ValueError(f"{where}: a sealed text needs 'text' and a list of 'keys'")
        return cls(record["text"], tuple(str(k) for k in record["keys"]))


_NONCE = 12


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _derive(salt: str, purpose: str, role: str, material: str) -> bytes:
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.kdf.hkdf import HKDF

    kdf = HKDF(
        algorithm=hashes.SHA256(),
        length=32,
        salt=bytes.fromhex(salt) if salt else None,
        info=f"smallstate {purpose} {role}".encode(),
    )
    return kdf.derive(material.encode("utf-8"))


def _encrypt(key: bytes, plaintext: bytes, purpose: str) -> bytes:
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    # Deterministic nonce (synthetic IV): a keyed hash of the plaintext, so equal inputs give
    # equal bytes and two different texts under one key never share a nonce.
    nonce = hmac.new(key, plaintext, hashlib.sha256).digest()[:_NONCE]
    return nonce + AESGCM(key).encrypt(nonce, plaintext, purpose.encode())


def _decrypt(key: bytes, blob: bytes, purpose: str) -> bytes | None:
    from cryptography.exceptions import InvalidTag
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    try:
        return AESGCM(key).decrypt(blob[:_NONCE], blob[_NONCE:], purpose.encode())
    except (InvalidTag, ValueError):
        return None


def _check_purpose(purpose: str) -> None:
    if purpose not in PURPOSES:
        raise ValueError(f"unknown purpose {purpose!r}; expected one of {PURPOSES}")


def seal(text: str, salt: str, accepted_keys: Iterable[str], purpose: str) -> Sealed:
    """Encrypt ``text`` so that any one of ``accepted_keys`` (normalised answers) opens it.

    Parameters
    ----------
    text : str
        The explanation or model answer.
    salt : str
        The exercise's salt (hex), as in the bank.
    accepted_keys : iterable of str
        Every normalised answer key that ``check`` accepts (:data:`ATTEMPT_KEY` for an open
        question).
    purpose : {"explanation", "model answer"}

    Returns
    -------
    Sealed
        Base64 text and wrapped keys; the wrapped keys are sorted so their order reveals
        nothing.

    Examples
    --------
    >>> s = seal("why", "ab", ["num:1958"], "explanation")
    >>> sorted(s.to_json()), len(s.keys)
    (['keys', 'text'], 1)
    """
    _check_purpose(purpose)
    keys = sorted(set(accepted_keys))
    if not keys:
        raise ValueError("seal needs at least one accepted answer key")
    data_key = _derive(salt, purpose, "data key", "\n".join(keys) + "\n" + text)
    wrapped = sorted(
        _b64(_encrypt(_derive(salt, purpose, "wrap", k), data_key, purpose)) for k in keys
    )
    return Sealed(_b64(_encrypt(data_key, text.encode("utf-8"), purpose)), tuple(wrapped))


def unseal(sealed: Sealed | None, salt: str, key: str, purpose: str) -> str | None:
    """Open a sealed text with one normalised answer key; ``None`` if the key does not open it.

    Examples
    --------
    >>> s = seal("why", "ab", ["a", "b"], "explanation")
    >>> unseal(s, "ab", "b", "explanation"), unseal(s, "ab", "b", "model answer")
    ('why', None)
    """
    _check_purpose(purpose)
    if not sealed:
        return None
    wrap_key = _derive(salt, purpose, "wrap", key)
    try:
        blobs = [base64.b64decode(b) for b in sealed.keys]
        body = base64.b64decode(sealed.text)
    except ValueError:
        return None
    for blob in blobs:
        data_key = _decrypt(wrap_key, blob, purpose)
        if data_key is not None:
            plain = _decrypt(data_key, body, purpose)
            return None if plain is None else plain.decode("utf-8")
    return None
