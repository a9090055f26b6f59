"""Share fetched revocation data between the validations of a bulk run, for a short while.

Why: pyHanko gives every validation fresh fetchers, so a run over a thousand seals by one key
asks the same OCSP responder about the same certificate a thousand times, and downloads the
same CRLs as often. That is the network's time, not checking. :class:`ReusingFetcherBackend`
hands consecutive validations the *same* fetchers (and so their caches) — but only for a
bounded time and number of uses, and never after a validation that did not pass:

* nothing is trusted because it is cached: every validation still checks each OCSP response
  and CRL for signature, issuer and freshness at its own validation time, exactly as with a
  fresh fetch (same revocation policy, same hard-fail/soft-fail rules);
* ``max_age`` bounds how old a reused answer can be (default 60 s: a revocation published a
  minute ago is seen by the next minute's documents, as it would be behind any HTTP cache);
* ``max_uses`` keeps pyHanko's per-fetchers safety budget (1,000 requests) from running out;
* :meth:`ReusingFetcherBackend.forget` drops everything — the caller does it after a result
  other than PASSED, so a failed fetch (an outage) is never replayed to later documents.

One backend per process and event loop (aiohttp sessions belong to the loop that made them).
"""

from __future__ import annotations

import time
from collections.abc import Callable

from pyhanko_certvalidator.fetchers import FetcherBackend, Fetchers
from pyhanko_certvalidator.fetchers.aiohttp_fetchers import AIOHttpFetcherBackend

DEFAULT_MAX_AGE = 60.0
DEFAULT_MAX_USES = 300


class ReusingFetcherBackend(FetcherBackend):
    """A fetcher backend whose fetchers (and caches) serve several validations in a row."""

    def __init__(
        self,
        *,
        max_age: float = DEFAULT_MAX_AGE,
        max_uses: int = DEFAULT_MAX_USES,
        clock: Callable[[], float] = time.monotonic,
        backend: FetcherBackend | None = None,
    ) -> None:
        self._backend = backend or AIOHttpFetcherBackend()
        self._max_age = max_age
        self._max_uses = max_uses
        self._clock = clock
        self._fetchers: Fetchers | None = None
        self._born = 0.0
        self._uses = 0
        self.generations = 0
        """How many sets of fetchers were made (for tests and the benchmark)."""

    def get_fetchers(self) -> Fetchers:
        now = self._clock()
        stale = now - self._born > self._max_age or self._uses >= self._max_uses
        if self._fetchers is None or stale:
            self._fetchers = self._backend.get_fetchers()
            self._born, self._uses = now, 0
            self.generations += 1
        self._uses += 1
        return self._fetchers

    def forget(self) -> None:
        """Drop the cached answers (and errors): the next validation fetches afresh."""
        self._fetchers = None

    async def close(self) -> None:
        self._fetchers = None
        await self._backend.close()
