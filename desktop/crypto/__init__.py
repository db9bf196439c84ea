"""Identity vault: complainant identities the server cannot read.

Qt-free and SQL-free. Built only from the ``cryptography`` and ``argon2-cffi``
libraries:

- :mod:`~desktop.crypto.identity` — the plaintext identity and its encoding;
- :mod:`~desktop.crypto.id_number`, :mod:`~desktop.crypto.phone` — validation
  and normalisation of ID numbers (GB 11643) and phone numbers;
- :mod:`~desktop.crypto.vault` — envelope encryption for handlers and the
  office recovery key;
- :mod:`~desktop.crypto.keys` — X25519 keypairs, private keys sealed by password;
- :mod:`~desktop.crypto.blind_index` — HMAC blind index for repeat complainants.
"""

from desktop.crypto.blind_index import BLIND_INDEX_KEY_SIZE, BlindIndexer, generate_blind_index_key
from desktop.crypto.errors import DecryptionError, MalformedBlob, VaultError, WrongPassword
from desktop.crypto.id_number import (
    InvalidIdNumber,
    check_character,
    normalise_id_number,
    validate_id_number,
)
from desktop.crypto.identity import ComplainantIdentity
from desktop.crypto.keys import (
    DEFAULT_ARGON2_PARAMS,
    Argon2Params,
    fingerprint,
    generate_keypair,
    open_private_key,
    public_key_from_bytes,
    public_key_to_bytes,
    seal_private_key,
)
from desktop.crypto.phone import InvalidPhoneNumber, normalise_phone
from desktop.crypto.vault import (
    SealedIdentity,
    open_identity,
    open_secret,
    remove_recipients,
    rewrap,
    seal_identity,
    seal_secret,
)

__all__ = [
    "BLIND_INDEX_KEY_SIZE",
    "DEFAULT_ARGON2_PARAMS",
    "Argon2Params",
    "BlindIndexer",
    "ComplainantIdentity",
    "DecryptionError",
    "InvalidIdNumber",
    "InvalidPhoneNumber",
    "MalformedBlob",
    "SealedIdentity",
    "VaultError",
    "WrongPassword",
    "check_character",
    "fingerprint",
    "generate_blind_index_key",
    "generate_keypair",
    "normalise_id_number",
    "normalise_phone",
    "open_identity",
    "open_private_key",
    "open_secret",
    "public_key_from_bytes",
    "public_key_to_bytes",
    "remove_recipients",
    "rewrap",
    "seal_identity",
    "seal_private_key",
    "seal_secret",
    "validate_id_number",
]
