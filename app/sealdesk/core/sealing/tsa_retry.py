"""An HTTP timestamp client that retries with exponential backoff, then says "TSA unreachable".

A TSA that drops one request (network hiccup, a restart behind a load balancer) should not stop
a batch of two hundred documents; one that is down should stop it quickly and clearly, before
more documents fail one by one. Each request has the configured timeout; after a failure the
client waits ``backoff`` seconds, then twice that, and so on, ``retries`` times. When every
attempt failed it raises :class:`~sealdesk.errors.TimestampError` naming the TSA, the attempts
and the last cause. The batch then stops (:mod:`sealdesk.services.sealing.batch`: nothing is
committed for the document in flight) and the front end offers to retry the rest or stop.

The retry is safe: a timestamp request carries only a hash and a nonce, and a token the TSA
issued for a request whose answer was lost is simply never used.

Requests go through one ``requests.Session`` per client (one client per batch): its connection
pool keeps the TCP (and TLS) connections to the TSA open between documents, where pyHanko's
``requests.post`` opens, resolves and closes a connection for every timestamp. Proxy and CA
settings from the environment apply as before.
"""

from __future__ import annotations

import asyncio
import weakref
from collections.abc import Callable

import requests
from asn1crypto import tsp
from pyhanko.sign.timestamps.common_utils import TimestampRequestError
from pyhanko.sign.timestamps.requests_client import RequestsHTTPTimeStamper

from sealdesk.errors import TimestampError

Attempted = Callable[[int, BaseException], None]


class RetryingHTTPTimeStamper(RequestsHTTPTimeStamper):
    """pyHanko's requests-based client, with bounded retries and a domain error at the end."""

    def __init__(
        self, url: str, *, timeout: float, auth: tuple[str, str] | None = None,
        retries: int = 2, backoff: float = 1.0, on_retry: Attempted | None = None,
    ) -> None:
        super().__init__(url, timeout=timeout, auth=auth)
        self.retries = retries
        self.backoff = backoff
        self.on_retry = on_retry
        """Called with (attempt number, error) before each retry: notices, logs, tests."""
        self._gave_up: TimestampError | None = None
        self._session = requests.Session()  # thread-safe for this use: one POST per request
        weakref.finalize(self, self._session.close)

    async def async_request_tsa_response(self, req: tsp.TimeStampReq) -> tsp.TimeStampResp:
        """The TSA's answer, retried; stops early once a concurrent request has given up.

        Several documents of a batch ask at once (:mod:`sealdesk.services.sealing.wave`): when
        one of them has used up its retries, the others do not retry on their own.
        """
        delay = self.backoff
        last: BaseException | None = None
        for attempt in range(1, self.retries + 2):
            try:
                answer = await asyncio.to_thread(self._post, req)
            except TimestampRequestError as exc:
                last = exc
            else:
                self._gave_up = None
                return answer
            if attempt > self.retries or self._gave_up is not None:
                break
            if self.on_retry is not None:
                self.on_retry(attempt, last)
            await asyncio.sleep(delay)
            delay *= 2
        if self._gave_up is not None:
            raise self._gave_up
        self._gave_up = unreachable(self.url, self.retries + 1, last)
        raise self._gave_up

    def _post(self, req: tsp.TimeStampReq) -> tsp.TimeStampResp:
        """One request, as pyHanko's client makes it, on the pooled session."""
        try:
            answer = self._session.post(self.url, req.dump(), headers=self.request_headers(),
                                        auth=self.auth, timeout=self.timeout)
        except OSError as exc:  # requests' connection errors and timeouts are OSErrors
            raise TimestampRequestError("Error in communication with timestamp server") from exc
        if answer.headers.get("Content-Type") != "application/timestamp-reply":
            raise TimestampRequestError("Timestamp server response is malformed.", answer)
        return tsp.TimeStampResp.load(answer.content)


def unreachable(url: str, attempts: int, cause: BaseException | None) -> TimestampError:
    """The error a person sees when the TSA did not answer any attempt."""
    return TimestampError(
        f"TSA unreachable: the timestamp authority {url} did not answer correctly "
        f"({attempts} attempt(s); last: {describe(cause)}).",
        hint="Documents sealed so far are kept. Retry when the TSA is back (the same command "
        "or 'Retry' continues with the documents not yet sealed, never twice), or stop and "
        "check the network and the TSA URL in Settings.",
    )


def describe(cause: BaseException | None) -> str:
    """Timeout, refused connection or bad answer, in a few words (never a credential)."""
    if cause is None:
        return "no answer"
    inner = cause.__cause__
    name = type(inner).__name__ if inner is not None else ""
    if "Timeout" in name:
        return "timed out"
    if "Connection" in name:
        return "connection refused or dropped"
    response = cause.args[1] if len(cause.args) > 1 else None
    status = getattr(response, "status_code", None)
    if status is not None:
        return f"HTTP {status}"
    return str(cause.args[0]) if cause.args else type(cause).__name__
