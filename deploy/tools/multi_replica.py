#!/usr/bin/env python3
"""Multi-replica check without a container engine (run through deploy/multi-replica.sh).

Starts N eos-server replicas on loopback ports, each a "1-CPU pod" (EOS_WORKERS=1, EOS_BATCH_THREADS=1,
pinned to one core with taskset where available), behind a round-robin load balancer: nginx from Debian
(L7; a replica that dies mid-request becomes a 503 with Retry-After, the answer a Kubernetes Service gives
while endpoints change) or, without nginx, a small built-in L4 round-robin TCP proxy (like kube-proxy: a dead
replica resets the connection). A sampler-like client sends a batch of latent points in chunks through
/v1/decode/batch with retries.

Phases:
  reference   all points straight to replica 0 (no balancer): the expected answers;
  1 replica   the same points through the balancer with one replica behind it;
  2 replicas  the same with two;
  N replicas  the same with N, and one replica is killed (SIGKILL) after ~35 % of the chunks are answered.
Passes when every phase answers every point and every answer is byte-identical (canonical JSON) to the
reference. Reports points/s per phase and the 2-vs-1 replica speed-up. Loopback only, bounded in time,
and every process it starts is stopped at the end (also on failure or Ctrl-C).
"""

from __future__ import annotations

import argparse
import asyncio
import concurrent.futures
import http.client
import json
import os
import random
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
RETRYABLE = {502, 503, 504}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def log(message: str) -> None:
    print(f"[multi-replica {time.strftime('%H:%M:%S')}] {message}", flush=True)


# ------------------------------------------------------------------------------------------------ processes


class Processes:
    """Every process this script starts, stopped (SIGTERM, then SIGKILL) at the end, by pid."""

    def __init__(self) -> None:
        self.items: list[subprocess.Popen] = []

    def start(self, argv: list[str], **kwargs) -> subprocess.Popen:
        process = subprocess.Popen(argv, **kwargs)
        self.items.append(process)
        return process

    def stop_all(self) -> None:
        for process in self.items:
            if process.poll() is None:
                process.send_signal(signal.SIGTERM)
        deadline = time.monotonic() + 10
        for process in self.items:
            try:
                process.wait(timeout=max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


@dataclass
class Replica:
    index: int
    port: int
    process: subprocess.Popen
    log_path: Path


def start_replica(index: int, binary: Path, models: Path, model: str, work: Path, processes: Processes,
                  pin: bool, port: int | None = None) -> Replica:
    port = port or free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("EOS_")}
    env.update({"EOS_HOST": "127.0.0.1", "EOS_PORT": str(port), "EOS_MODEL_DIR": str(models), "EOS_MODEL": model,
                "EOS_WORKERS": "1", "EOS_BATCH_THREADS": "1", "EOS_ACCESS_LOG": "false", "EOS_DRAIN_TIMEOUT": "5"})
    argv = [str(binary)]
    cores = os.cpu_count() or 1
    if pin and shutil.which("taskset"):
        argv = ["taskset", "-c", str(index % cores)] + argv
    log_path = work / f"replica-{index}.log"
    process = processes.start(argv, env=env, stdout=subprocess.DEVNULL, stderr=open(log_path, "a"))
    return Replica(index, port, process, log_path)


def wait_ready(port: int, process: subprocess.Popen, timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"process on port {port} exited with {process.returncode}")
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=1)
            connection.request("GET", "/readyz")
            if connection.getresponse().status == 200:
                return
        except OSError:
            pass
        time.sleep(0.05)
    raise RuntimeError(f"port {port} not ready after {timeout} s")


# ------------------------------------------------------------------------------------------------ balancers

NGINX_CONF = """
worker_processes 1;
daemon off;
pid {work}/nginx-{port}.pid;
error_log {work}/nginx-{port}.log warn;
events {{ worker_connections 1024; }}
http {{
    access_log off;
    client_body_temp_path {work}/nginx-body;
    proxy_temp_path {work}/nginx-proxy;
    fastcgi_temp_path {work}/nginx-fastcgi;
    uwsgi_temp_path {work}/nginx-uwsgi;
    scgi_temp_path {work}/nginx-scgi;
    client_max_body_size 8m;
    client_body_buffer_size 8m;
    upstream eos {{
{servers}
        keepalive 16;
    }}
    server {{
        listen 127.0.0.1:{port};
        location / {{
            proxy_pass http://eos;
            proxy_http_version 1.1;
            proxy_set_header Connection "";
            proxy_connect_timeout 1s;
            proxy_read_timeout 60s;
            # A connection refused (the request was never sent) goes to the next replica; a request a replica
            # was answering when it died is not resent by nginx (POST is not idempotent to nginx): the client
            # gets 503 + Retry-After and retries, as it would against a Kubernetes Service.
            proxy_next_upstream error timeout http_503;
            proxy_next_upstream_tries 3;
            error_page 502 504 =503 @unavailable;
        }}
        location @unavailable {{
            add_header Retry-After 1 always;
            default_type application/json;
            return 503 '{{"error":{{"code":"replica_unavailable","message":"the replica was lost; retry"}}}}';
        }}
    }}
}}
"""


class Balancer:
    def __init__(self, ports: list[int], work: Path, processes: Processes, kind: str):
        self.port = free_port()
        self.kind = kind
        self.process: subprocess.Popen | None = None
        self.thread: threading.Thread | None = None
        if kind == "nginx":
            servers = "\n".join(f"        server 127.0.0.1:{p} max_fails=1 fail_timeout=10s;" for p in ports)
            conf = work / f"nginx-{self.port}.conf"
            conf.write_text(NGINX_CONF.format(work=work, port=self.port, servers=servers))
            self.process = processes.start(["nginx", "-c", str(conf), "-p", str(work)],
                                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            wait_listening(self.port, self.process)
        else:
            self.proxy = TCPRoundRobin(ports, self.port)
            self.thread = threading.Thread(target=self.proxy.run, daemon=True)
            self.thread.start()
            wait_listening(self.port, None)

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.send_signal(signal.SIGQUIT)  # nginx: graceful
            try:
                self.process.wait(timeout=5)
            except subprocess.TimeoutExpired:
                self.process.kill()
        if self.thread is not None:
            self.proxy.stop()


def wait_listening(port: int, process: subprocess.Popen | None, timeout: float = 10.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process is not None and process.poll() is not None:
            raise RuntimeError(f"balancer exited with {process.returncode}")
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
            return
        except OSError:
            time.sleep(0.05)
    raise RuntimeError(f"balancer on {port} not listening")


class TCPRoundRobin:
    """Connection-level round robin over loopback backends, skipping ones that refuse (like kube-proxy)."""

    def __init__(self, backends: list[int], port: int):
        self.backends, self.port, self.next = backends, port, 0
        self.loop = asyncio.new_event_loop()
        self.server = None

    def run(self) -> None:
        asyncio.set_event_loop(self.loop)
        self.server = self.loop.run_until_complete(asyncio.start_server(self.handle, "127.0.0.1", self.port))
        self.loop.run_forever()

    def stop(self) -> None:
        def close():
            self.server.close()
            self.loop.stop()
        self.loop.call_soon_threadsafe(close)

    async def handle(self, client_reader, client_writer):
        upstream = None
        for _ in range(len(self.backends)):
            port = self.backends[self.next % len(self.backends)]
            self.next += 1
            try:
                upstream = await asyncio.open_connection("127.0.0.1", port)
                break
            except OSError:
                continue
        if upstream is None:
            client_writer.close()
            return
        reader, writer = upstream

        async def pipe(source, sink):
            try:
                while data := await source.read(65536):
                    sink.write(data)
                    await sink.drain()
            except OSError:
                pass
            finally:
                sink.close()

        await asyncio.gather(pipe(client_reader, writer), pipe(reader, client_writer))


# ------------------------------------------------------------------------------------------------ the sampler


@dataclass
class PhaseResult:
    name: str
    replicas: int
    points: int
    seconds: float
    answers: dict[int, str]
    attempts: int
    retries: int
    statuses: dict[str, int] = field(default_factory=dict)
    cpu_seconds: float = 0.0  # CPU time the replicas spent in this phase (user + system)

    @property
    def rate(self) -> float:
        return self.points / self.seconds


def make_points(port: int, count: int, seed: int) -> list[dict]:
    """Latent points inside the model's training region (as a sampler would draw them), seeded."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    connection.request("GET", "/v1/models")
    region = json.loads(connection.getresponse().read())["models"][0]["training_region"]
    rng = random.Random(seed)

    def inner(r):
        width = r["max"] - r["min"]
        return rng.uniform(r["min"] + 0.1 * width, r["max"] - 0.1 * width)

    return [{"m_max": inner(region["m_max"]), "r_14": inner(region["r_14"]),
             "z": [max(z["min"], min(z["max"], rng.gauss(z["mean"], z["std"]))) for z in region["z"]]}
            for _ in range(count)]


def post_with_retries(port: int, body: bytes, deadline: float, counters: dict, lock: threading.Lock) -> dict:
    attempt = 0
    while True:
        attempt += 1
        status_key = None
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
            connection.request("POST", "/v1/decode/batch", body, {"Content-Type": "application/json"})
            response = connection.getresponse()
            payload = response.read()
            connection.close()
            status_key = str(response.status)
            if response.status == 200:
                with lock:
                    counters["attempts"] += attempt
                    counters["retries"] += attempt - 1
                    counters["statuses"][status_key] = counters["statuses"].get(status_key, 0) + 1
                return json.loads(payload)
            if response.status not in RETRYABLE:
                raise RuntimeError(f"HTTP {response.status}: {payload[:300]!r}")
            wait = float(response.getheader("Retry-After") or 0.2)
        except (OSError, http.client.HTTPException) as error:
            status_key = type(error).__name__
            wait = min(0.05 * 2 ** attempt, 1.0)
        with lock:
            counters["statuses"][status_key] = counters["statuses"].get(status_key, 0) + 1
        if attempt >= 12 or time.monotonic() + wait > deadline:
            raise RuntimeError(f"gave up after {attempt} attempts (last: {status_key})")
        time.sleep(wait)


def cpu_seconds(replicas: list[Replica]) -> float:
    """User + system CPU time of the replicas still alive, from /proc (clock ticks)."""
    total = 0
    for replica in replicas:
        try:
            fields = Path(f"/proc/{replica.process.pid}/stat").read_text().rsplit(")", 1)[1].split()
            total += int(fields[11]) + int(fields[12])
        except (OSError, IndexError, ValueError):
            pass
    return total / os.sysconf("SC_CLK_TCK")


def run_phase(name: str, replicas: int, port: int, points: list[dict], chunk: int, concurrency: int,
              include: str, deadline: float, kill_after: float | None = None,
              victim: Replica | None = None, measured: list[Replica] = ()) -> PhaseResult:
    chunks = [list(range(i, min(i + chunk, len(points)))) for i in range(0, len(points), chunk)]
    counters = {"attempts": 0, "retries": 0, "statuses": {}}
    lock = threading.Lock()
    answers: dict[int, str] = {}
    done = [0]
    killed = threading.Event()
    due = threading.Event()

    def one(indices: list[int]) -> None:
        body = json.dumps({"points": [points[i] for i in indices], "include": include, "mr_points": 20}).encode()
        reply = post_with_retries(port, body, deadline, counters, lock)
        results = reply["results"]
        assert len(results) == len(indices), "a batch answer lost points"
        with lock:
            for position, item in enumerate(results):
                assert item["index"] == position, "results out of request order"
                item = dict(item)
                item["index"] = indices[position]
                answers[indices[position]] = json.dumps(item, sort_keys=True)
            done[0] += 1
            if kill_after is not None and done[0] >= kill_after * len(chunks):
                due.set()

    def killer() -> None:
        """Once enough chunks are answered, wait until the victim is busy (its CPU time grows, so a request is
        being decoded there) and SIGKILL it: the worst case, a replica dying with a request in flight."""
        due.wait()
        busy = False
        give_up = time.monotonic() + 3
        last = cpu_seconds([victim])
        while time.monotonic() < give_up:
            time.sleep(0.02)
            now = cpu_seconds([victim])
            if now > last:
                busy = True
                break
            last = now
        victim.process.send_signal(signal.SIGKILL)
        killed.set()
        log(f"{name}: killed replica {victim.index} (pid {victim.process.pid}, SIGKILL) after {done[0]}/"
            f"{len(chunks)} chunks, {'while it was decoding a request' if busy else 'while it looked idle'}")

    measured = [r for r in measured if r is not victim]
    cpu_before = cpu_seconds(measured)
    watcher = threading.Thread(target=killer, daemon=True) if kill_after is not None else None
    if watcher is not None:
        watcher.start()
    start = time.monotonic()
    with concurrent.futures.ThreadPoolExecutor(concurrency) as pool:
        for future in concurrent.futures.as_completed([pool.submit(one, c) for c in chunks]):
            future.result()
    seconds = time.monotonic() - start
    if watcher is not None:
        watcher.join(timeout=5)
    cpu = cpu_seconds(measured) - cpu_before
    if kill_after is not None:
        assert killed.is_set(), "the kill never happened"
        victim.process.wait(timeout=5)
    return PhaseResult(name, replicas, len(points), seconds, answers, counters["attempts"], counters["retries"],
                       counters["statuses"], cpu)


# ------------------------------------------------------------------------------------------------ eos-client


def run_client(client: Path, port: int, points_file: Path, out: Path, chunk: int, concurrency: int,
               processes: Processes, victim: Replica | None = None, total: int = 0,
               kill_after: float = 0.35) -> tuple[float, int, str, bool]:
    """`eos-client batch` against port; optionally SIGKILLs victim once kill_after of the rows are written and
    the victim is busy. Returns (seconds, exit code, stderr tail, whether the kill happened)."""
    argv = [str(client), "batch", "--server", f"http://127.0.0.1:{port}", "--chunk-size", str(chunk),
            "--concurrency", str(concurrency), "--attempts", "8", "--format", "jsonl", "--quiet",
            "--output", str(out), str(points_file)]
    start = time.monotonic()
    process = processes.start(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    killed = False
    if victim is not None:
        while process.poll() is None and not killed:
            rows = out.read_text().count("\n") if out.exists() else 0
            if rows >= kill_after * total:
                last = cpu_seconds([victim])
                give_up = time.monotonic() + 3
                while time.monotonic() < give_up and cpu_seconds([victim]) <= last:
                    time.sleep(0.02)
                victim.process.send_signal(signal.SIGKILL)
                killed = True
                log(f"eos-client phase: killed replica {victim.index} (pid {victim.process.pid}, SIGKILL) after "
                    f"{rows}/{total} rows")
            time.sleep(0.02)
    _, err = process.communicate(timeout=120)
    return time.monotonic() - start, process.returncode, err.strip()[-500:], killed


# ------------------------------------------------------------------------------------------------ main


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--replicas", type=int, default=3)
    parser.add_argument("--points", type=int, default=1200, help="latent points in the batch workload")
    parser.add_argument("--chunk", type=int, default=20, help="points per /v1/decode/batch request")
    parser.add_argument("--concurrency", type=int, default=4, help="requests in flight")
    parser.add_argument("--include", choices=["scalars", "full"], default="scalars")
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--kill-after", type=float, default=0.35, help="fraction of chunks answered before the kill")
    parser.add_argument("--balancer", choices=["auto", "nginx", "tcp"], default="auto")
    parser.add_argument("--no-pin", action="store_true", help="do not pin replicas to cores with taskset")
    parser.add_argument("--time-limit", type=float, default=110.0, help="seconds for the whole run")
    parser.add_argument("--binary", type=Path, default=Path(os.environ.get(
        "EOS_SERVER_BIN", REPO / ".build-deploy" / "release" / "eos-server")))
    parser.add_argument("--model-dir", type=Path, default=None, help="directory of model directories")
    parser.add_argument("--model", default="default")
    parser.add_argument("--report", type=Path, default=None, help="write the figures as JSON here")
    parser.add_argument("--client", type=Path, default=Path(os.environ.get(
        "EOS_CLIENT_BIN", REPO / ".build-deploy" / "release" / "eos-client")),
        help="eos-client binary for an extra phase with the real client (skipped when absent)")
    args = parser.parse_args()

    models = args.model_dir or Path(os.environ.get("EOS_TEST_MODEL_DIR", REPO / "models"))
    if not (models / args.model / "model.json").exists():
        log(f"no model at {models / args.model}: set --model-dir/--model or EOS_TEST_MODEL_DIR")
        return 2
    if not args.binary.exists():
        log(f"no eos-server at {args.binary}: build it (deploy/check.sh does) or set EOS_SERVER_BIN")
        return 2
    kind = args.balancer
    if kind == "auto":
        kind = "nginx" if shutil.which("nginx") else "tcp"
    deadline = time.monotonic() + args.time_limit
    processes = Processes()
    work = Path(tempfile.mkdtemp(prefix="eos-multi-replica-"))
    os.chmod(work, 0o755)  # nginx workers (user nobody) create their temp folders here
    balancers: list[Balancer] = []
    try:
        log(f"{args.replicas} replicas of {args.binary} serving {models / args.model}; balancer: {kind}; "
            f"{args.points} points in chunks of {args.chunk}, {args.concurrency} in flight, include={args.include}")
        replicas = [start_replica(i, args.binary, models, args.model, work, processes, not args.no_pin)
                    for i in range(args.replicas)]
        for replica in replicas:
            wait_ready(replica.port, replica.process)
        points = make_points(replicas[0].port, args.points, args.seed)

        results = [run_phase("reference (replica 0 direct)", 1, replicas[0].port, points, args.chunk,
                             args.concurrency, args.include, deadline, measured=replicas[:1])]
        for count in (1, 2):
            balancer = Balancer([r.port for r in replicas[:count]], work, processes, kind)
            balancers.append(balancer)
            results.append(run_phase(f"{count} replica{'s' if count > 1 else ''} via {kind}", count, balancer.port,
                                     points, args.chunk, args.concurrency, args.include, deadline,
                                     measured=replicas[:count]))
            balancer.stop()
        balancer = Balancer([r.port for r in replicas], work, processes, kind)
        balancers.append(balancer)
        victim = replicas[1 % len(replicas)]
        results.append(run_phase(f"{args.replicas} replicas via {kind}, one killed", args.replicas, balancer.port,
                                 points, args.chunk, args.concurrency, args.include, deadline,
                                 kill_after=args.kill_after, victim=victim, measured=replicas))

        client_phase = None
        if args.client.exists():
            # The real client: a direct run against one replica, then through the balancer with the killed
            # replica restarted and another one killed mid-run; its output rows must be identical.
            replicas[victim.index] = start_replica(victim.index, args.binary, models, args.model, work, processes,
                                                   not args.no_pin, port=victim.port)
            wait_ready(victim.port, replicas[victim.index].process)
            points_file = work / "points.jsonl"
            points_file.write_text("".join(json.dumps(p) + "\n" for p in points))
            direct, through = work / "client-direct.jsonl", work / "client-balanced.jsonl"
            d_seconds, d_code, d_err, _ = run_client(args.client, replicas[0].port, points_file, direct,
                                                     args.chunk, args.concurrency, processes)
            second_victim = replicas[2 % len(replicas)]
            b_seconds, b_code, b_err, b_killed = run_client(args.client, balancer.port, points_file, through,
                                                            args.chunk, args.concurrency, processes,
                                                            victim=second_victim, total=len(points),
                                                            kill_after=args.kill_after)
            direct_rows, balanced_rows = direct.read_text().splitlines(), through.read_text().splitlines()
            client_phase = {"direct_seconds": d_seconds, "direct_exit": d_code, "balanced_seconds": b_seconds,
                            "balanced_exit": b_code, "killed": b_killed, "rows": len(balanced_rows),
                            "lost": len(points) - len(balanced_rows),
                            "differing": sum(1 for a, b in zip(direct_rows, balanced_rows) if a != b)}
            if d_code not in (0, 5) or b_code not in (0, 5):
                raise RuntimeError(f"eos-client failed: direct {d_code} ({d_err}); balanced {b_code} ({b_err})")
            if len(direct_rows) != len(points):
                raise RuntimeError(f"eos-client direct run wrote {len(direct_rows)} of {len(points)} rows")
        else:
            log(f"no eos-client at {args.client}: the real-client phase is skipped (the Python client ran)")

        reference = results[0].answers
        ok_points = sum(1 for a in reference.values() if json.loads(a)["ok"])
        failures = []
        print()
        print(f"{'phase':<42} {'points':>6} {'s':>7} {'points/s':>9} {'pts/cpu-s':>9} {'retries':>7}  lost  differ  statuses")
        for result in results:
            lost = len(points) - len(result.answers)
            differ = sum(1 for i, a in result.answers.items() if reference.get(i) != a)
            per_cpu = f"{result.points / result.cpu_seconds:>9.1f}" if result.cpu_seconds > 0 else f"{'-':>9}"
            print(f"{result.name:<42} {result.points:>6} {result.seconds:>7.2f} {result.rate:>9.1f} {per_cpu} "
                  f"{result.retries:>7}  {lost:>4}  {differ:>6}  {json.dumps(result.statuses, sort_keys=True)}")
            if lost or differ:
                failures.append(f"{result.name}: {lost} lost, {differ} differing")
        one, two = results[1], results[2]
        speedup = two.rate / one.rate
        cores = os.cpu_count()
        load = os.getloadavg()
        print(f"\nthroughput 2 replicas vs 1: {two.rate:.1f} / {one.rate:.1f} points/s = {speedup:.2f}x "
              f"({cores} cores shared by the replicas, the balancer and this client; each replica = 1 CPU; "
              f"load average {load[0]:.1f} {load[1]:.1f} {load[2]:.1f} at the end, load from other processes "
              f"lowers the speed-up)")
        print(f"points decoded successfully by the model: {ok_points}/{len(points)} (failed points are answered "
              f"per point with an error and compared the same way)")
        if client_phase is not None:
            print(f"eos-client batch, direct to one replica: {client_phase['direct_seconds']:.2f} s; through the "
                  f"balancer with a replica killed: {client_phase['balanced_seconds']:.2f} s, "
                  f"{client_phase['lost']} rows lost, {client_phase['differing']} differing (exit codes "
                  f"{client_phase['direct_exit']}/{client_phase['balanced_exit']}; 5 = some points failed to decode)")
            if client_phase["lost"] or client_phase["differing"] or not client_phase["killed"]:
                failures.append(f"eos-client phase: {client_phase}")
        killed_phase = results[-1]
        if killed_phase.retries == 0:
            print("note: the kill caused no client retry (no request was in flight on the killed replica)")
        if args.report:
            args.report.write_text(json.dumps({
                "replicas": args.replicas, "points": len(points), "chunk": args.chunk,
                "concurrency": args.concurrency, "include": args.include, "balancer": kind, "cores": cores,
                "load_average": os.getloadavg(),
                "phases": [{"name": r.name, "replicas": r.replicas, "seconds": r.seconds, "points_per_second": r.rate,
                            "replica_cpu_seconds": r.cpu_seconds,
                            "retries": r.retries, "statuses": r.statuses,
                            "lost": len(points) - len(r.answers),
                            "differing": sum(1 for i, a in r.answers.items() if reference.get(i) != a)}
                           for r in results],
                "speedup_2_vs_1": speedup, "model_ok_points": ok_points, "eos_client": client_phase}, indent=2))
        if failures:
            print("FAIL: " + "; ".join(failures))
            return 1
        print(f"PASS: {args.replicas} replicas, one killed mid-run: 0 lost, 0 differing results "
              f"({killed_phase.retries} client retries)" + ("; eos-client batch likewise" if client_phase else ""))
        return 0
    except Exception as error:  # report, show the replicas' last log lines, clean up
        print(f"FAIL: {type(error).__name__}: {error}")
        for path in sorted(work.glob("*.log")):
            tail = path.read_text(errors="replace").splitlines()[-5:]
            print(f"--- {path.name}\n" + "\n".join(tail))
        return 1
    finally:
        for balancer in balancers:
            balancer.stop()
        processes.stop_all()
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    sys.exit(main())
