"""Which articles might be copies of one story: MinHash signatures of their word 3-shingles.

The text is the headline and the body, normalised (lower case, punctuation dropped, the
body's dateline cut off), so a wire copy under another dateline or with tickers bracketed
differently has the same shingles. The headline counts because short formulaic items (a
dividend notice, a daily table) often name their company only there.
The signature's 40 bands of 3 values are hashed to 64-bit keys: articles sharing a key are
candidates (locality-sensitive hashing). The bands are loose on purpose, an S-curve near a
Jaccard similarity of 0.3 (a pair at 0.3 shares a key two times in three, at 0.5 nearly
always), so that heavily edited copies are found; ``alignment.py`` decides which candidates are
copies. Signatures are cheap to compute again from a body, so only the band keys are stored.
"""

from __future__ import annotations

import hashlib
import re
import sys
import threading
import types
import zlib
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING, Any

import numpy as np

_AIO = "datasketch.aio"
_lock = threading.Lock()


def _async_lsh_on_demand(*args: Any, **kwargs: Any) -> Any:
    """``datasketch.AsyncMinHashLSH``: datasketch's own, with asyncio loaded only when someone asks."""
    from datasketch.aio import AsyncMinHashLSH

    return AsyncMinHashLSH(*args, **kwargs)


def _import_minhash() -> type:
    """datasketch's ``MinHash``, imported without ``datasketch.aio``: ``import datasketch`` runs
    ``from datasketch.aio import AsyncMinHashLSH``, which imports asyncio and so ssl, an HTTP
    library an import must not load. For the moment of ``import datasketch`` only,
    ``datasketch.aio`` is a placeholder (as ``spacy_import`` does for ``spacy.cli.info``);
    afterwards ``import datasketch.aio`` works as usual."""
    with _lock:
        if "datasketch" in sys.modules or _AIO in sys.modules:
            from datasketch import MinHash as Loaded

            return Loaded
        placeholder = types.ModuleType(_AIO, _async_lsh_on_demand.__doc__)
        placeholder.AsyncMinHashLSH = _async_lsh_on_demand  # type: ignore[attr-defined]
        sys.modules[_AIO] = placeholder
        try:
            from datasketch import MinHash as Loaded
        finally:
            if sys.modules.get(_AIO) is placeholder:
                del sys.modules[_AIO]
        return Loaded


if TYPE_CHECKING:
    from datasketch import MinHash
else:
    MinHash = _import_minhash()

SHINGLE_WORDS = 3
NUM_PERM = 128
SEED = 1
SCHEME = "affine32"  # datasketch 2's default, named: stored keys depend on it
# Each shingle's 32-bit hash before the permutations: CRC-32, a C function, several times as fast
# as datasketch's SHA-1 in Python (hashing every shingle is most of a signature's cost); the
# permutations then spread the values. Stored keys depend on it.
HASH = zlib.crc32

# "LONDON, March 3 (Reuters) - ", "WASHINGTON (AP) -- ": a place, maybe a date or an agency,
# and a dash, all before the first sentence.
_DATELINE = re.compile(r"\A\s*[A-Z][^\n.!?]{0,80}?(?:\([^()\n]{1,40}\))?\s*(?:--?|–|—)\s+")
_WORD = re.compile(r"[^\W_]+")


@dataclass(frozen=True)
class Bands:
    """How a signature is cut: ``count`` bands of ``rows`` hash values."""

    count: int
    rows: int


# The candidates' bands: 40 x 3 of the 128 values (the S-curve 1 - (1 - s^3)^40 is 0.5 near 0.27).
CANDIDATE_BANDS = Bands(40, 3)


def normalised_words(body: str, title: str = "") -> list[str]:
    """The words of the title, then of the body without its dateline, in lower case and
    without punctuation."""
    return _WORD.findall(title.lower()) + _WORD.findall(_DATELINE.sub("", body, count=1).lower())


def shingles(body: str, title: str = "") -> set[bytes]:
    """Every run of three consecutive words (the whole text when it is shorter, none when empty)."""
    return word_shingles(normalised_words(body, title))


def word_shingles(words: Sequence[str]) -> set[bytes]:
    if len(words) <= SHINGLE_WORDS:
        return {" ".join(words).encode()} if words else set()
    return {" ".join(words[i : i + SHINGLE_WORDS]).encode() for i in range(len(words) - SHINGLE_WORDS + 1)}


@cache
def _permutations():
    return MinHash(num_perm=NUM_PERM, seed=SEED, scheme=SCHEME, hashfunc=HASH).permutations


def signature(body: str, title: str = "") -> np.ndarray | None:
    """The MinHash signature of the article's shingles; None for an article without words."""
    return words_signature(normalised_words(body, title))


def words_signature(words: Sequence[str]) -> np.ndarray | None:
    """The MinHash signature of normalised words' shingles; None for no words."""
    found = word_shingles(words)
    if not found:
        return None
    minhash = MinHash(num_perm=NUM_PERM, seed=SEED, permutations=_permutations(), scheme=SCHEME, hashfunc=HASH)
    minhash.update_batch(sorted(found))
    return minhash.hashvalues.copy()


def band_keys(sig: np.ndarray, bands: Bands = CANDIDATE_BANDS) -> list[int]:
    """One signed 64-bit key per band (the band's number is hashed in, so bands never collide)."""
    keys = []
    for band in range(bands.count):
        part = sig[band * bands.rows : (band + 1) * bands.rows]
        digest = hashlib.blake2b(band.to_bytes(2, "little") + part.tobytes(), digest_size=8).digest()
        keys.append(int.from_bytes(digest, "little", signed=True))
    return keys
