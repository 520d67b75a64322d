"""A small client for eos-server's batch endpoint, shared by the sampler and the decode-rate benchmark."""

from __future__ import annotations

import threading
import time
from concurrent.futures import ThreadPoolExecutor

import requests
from requests.adapters import HTTPAdapter
from urllib3.util.retry import Retry


class ServiceError(RuntimeError):
    """The server answered with an error status (its ``error.code`` and ``error.message`` in the text)."""


def _raise_for_service_error(response: requests.Response) -> None:
    if response.status_code < 400:
        return
    try:
        error = response.json()["error"]
        detail = f"{error['code']}: {error['message']}"
    except (ValueError, KeyError, TypeError):
        detail = response.text[:200]
    raise ServiceError(f"HTTP {response.status_code} from {response.url}: {detail}")


class EOSService:
    """Talks to eos-server: keep-alive sessions (one per thread), retries on 503 and connection errors honouring
    Retry-After (never on 4xx), chunks of at most the server's batch limit sent ``parallel`` at a time (each on its
    own connection, so a load balancer can spread them). Counts requests, points and seconds spent waiting."""

    def __init__(self, base_url: str, timeout: float = 120.0, parallel: int = 1, chunk_size: int | None = None):
        self.base_url = base_url.rstrip("/")
        self.timeout = timeout
        self.parallel = max(1, parallel)
        self._local = threading.local()
        self._pool = ThreadPoolExecutor(max_workers=self.parallel) if self.parallel > 1 else None
        self.model = self.get("/v1/models")["models"][0]
        limit = int(self.model["limits"]["max_batch_points"])
        self.chunk_size = min(chunk_size or limit, limit)
        self.requests = 0
        self.points = 0
        self.seconds = 0.0

    def _session(self) -> requests.Session:
        session = getattr(self._local, "session", None)
        if session is None:
            retry = Retry(total=5, connect=5, read=0, status=5, backoff_factor=0.1, status_forcelist=[503],
                          allowed_methods=None, respect_retry_after_header=True, raise_on_status=False)
            session = requests.Session()
            session.mount("http://", HTTPAdapter(max_retries=retry, pool_connections=1, pool_maxsize=1))
            session.mount("https://", HTTPAdapter(max_retries=retry, pool_connections=1, pool_maxsize=1))
            self._local.session = session
        return session

    def get(self, path: str) -> dict:
        response = self._session().get(self.base_url + path, timeout=self.timeout)
        _raise_for_service_error(response)
        return response.json()

    def _post_batch(self, body: dict) -> list[dict]:
        response = self._session().post(self.base_url + "/v1/decode/batch", json=body, timeout=self.timeout)
        _raise_for_service_error(response)
        return response.json()["results"]

    def decode_batch(self, points: list[dict], include: str, **options) -> list[dict]:
        """``POST /v1/decode/batch`` of ``points`` (request objects: m_max, r_14, z, observables...) in chunks;
        ``options`` go into every request body (e.g. ``observables=``, ``eos_points=``). Returns one result item
        per point, in order."""
        started = time.perf_counter()
        bodies = [{"points": points[start:start + self.chunk_size], "include": include, **options}
                  for start in range(0, len(points), self.chunk_size)]
        if self._pool is not None and len(bodies) > 1:
            answers = list(self._pool.map(self._post_batch, bodies))
        else:
            answers = [self._post_batch(body) for body in bodies]
        self.seconds += time.perf_counter() - started
        self.requests += len(bodies)
        self.points += len(points)
        return [item for answer in answers for item in answer]
