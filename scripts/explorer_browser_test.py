#!/usr/bin/env python3
"""Real-browser test of the EOS explorer page (`GET /` of eos-server), in headless Chromium.

Starts `eos-server` on a free loopback port with the committed model (models/default; the tiny test fixture if
that is missing), opens the page in headless Chromium driven over the DevTools protocol, and checks that:

  * the page loads, reads /v1/models, decodes the centre of the training region and reports no script errors;
  * every request the page makes goes to the server itself (the page works offline);
  * both plots hold the expected curves: P(n_B) = decoded + SLy4 (2 `path.series.line`), M-R = decoded + SLy4
    (2 curves) plus the 1.4 Msun and PSR J0740+6620 reference lines;
  * moving a slider with the keyboard sends a new POST /v1/decode and redraws with the new numbers;
  * dragging a slider with the mouse, and a burst of 40 synchronous input events, never put more than one decode
    request in flight (coalescing) and end on the last value;
  * on a 390 px wide phone viewport nothing overflows horizontally;

then writes a PNG screenshot (argument; default docs/explorer.png). Exits 0 on success, 1 on a failed check,
2 on a setup problem; the whole run is bounded by --timeout seconds.

Needs: Chromium (installed with `apt-get install -y chromium` when missing and running as root),
websocket-client (pip-installed when missing), and a built eos-server (`swift build --product eos-server`,
run by this script unless --server is given).

    scripts/explorer_browser_test.py [screenshot.png] [--server PATH] [--scratch-path DIR] [--timeout 240]
"""
import argparse
import base64
import json
import os
import pathlib
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request

ROOT = pathlib.Path(__file__).resolve().parent.parent


class CheckFailed(Exception):
    pass


class SetupFailed(Exception):
    pass


def log(message):
    print(f"[explorer-browser-test {time.strftime('%H:%M:%S')}] {message}", flush=True)


def check(condition, message):
    if not condition:
        raise CheckFailed(message)
    log("ok: " + message)


# ---------------------------------------------------------------- setup


def ensure_chromium():
    for name in ("chromium", "chromium-browser", "google-chrome"):
        path = shutil.which(name)
        if path:
            return path
    if os.geteuid() != 0:
        raise SetupFailed("Chromium is not installed; run: sudo apt-get install -y chromium")
    log("installing Chromium from Debian (apt-get install -y chromium)")
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    subprocess.run(["apt-get", "update", "-qq"], check=True, env=env)
    subprocess.run(["apt-get", "install", "-y", "-qq", "--no-install-recommends", "chromium", "fonts-dejavu-core"],
                   check=True, env=env, stdout=subprocess.DEVNULL)
    path = shutil.which("chromium")
    if not path:
        raise SetupFailed("apt-get installed no chromium binary")
    return path


def ensure_websocket():
    try:
        import websocket  # noqa: F401
    except ImportError:
        log("installing websocket-client from PyPI")
        subprocess.run([sys.executable, "-m", "pip", "install", "-q", "websocket-client"], check=True)
    import websocket
    return websocket


def server_binary(args):
    if args.server:
        return pathlib.Path(args.server)
    scratch = ["--scratch-path", args.scratch_path] if args.scratch_path else []
    log("building eos-server (swift build --product eos-server)")
    subprocess.run(["swift", "build", "--product", "eos-server", *scratch], cwd=ROOT, check=True)
    bin_path = subprocess.run(["swift", "build", "--show-bin-path", *scratch], cwd=ROOT, check=True,
                              capture_output=True, text=True).stdout.strip()
    return pathlib.Path(bin_path) / "eos-server"


def model_location():
    default = ROOT / "models" / "default"
    if (default / "model.json").is_file() and (default / "model.safetensors").is_file():
        return ROOT / "models", "default"
    log("models/default is missing; serving the tiny test fixture")
    return ROOT / "Tests" / "InferenceServiceTests" / "Fixtures", "tiny"


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_ready(base, deadline, process):
    while time.time() < deadline:
        if process.poll() is not None:
            raise SetupFailed(f"eos-server exited with status {process.returncode}")
        try:
            with urllib.request.urlopen(base + "/readyz", timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            pass
        time.sleep(0.2)
    raise SetupFailed("eos-server did not become ready")


# ---------------------------------------------------------------- DevTools protocol


class DevTools:
    """A minimal synchronous DevTools-protocol client over one page's websocket."""

    def __init__(self, websocket_module, url):
        self.ws = websocket_module.create_connection(url, timeout=30, suppress_origin=True)
        self.next_id = 0
        self.events = []

    def call(self, method, timeout=30, **params):
        self.next_id += 1
        ident = self.next_id
        self.ws.send(json.dumps({"id": ident, "method": method, "params": params}))
        end = time.time() + timeout
        while time.time() < end:
            message = json.loads(self.ws.recv())
            if message.get("id") == ident:
                if "error" in message:
                    raise CheckFailed(f"{method} failed: {message['error']}")
                return message.get("result", {})
            if "method" in message:
                self.events.append(message)
        raise CheckFailed(f"{method} timed out")

    def evaluate(self, expression):
        result = self.call("Runtime.evaluate", expression=expression, returnByValue=True, awaitPromise=True)
        if "exceptionDetails" in result:
            raise CheckFailed(f"evaluating {expression!r}: {result['exceptionDetails']}")
        return result["result"].get("value")

    def pump(self, seconds):
        """Collects events for `seconds`."""
        end = time.time() + seconds
        self.ws.settimeout(0.05)
        try:
            while time.time() < end:
                try:
                    message = json.loads(self.ws.recv())
                except Exception:  # websocket timeout
                    continue
                if "method" in message:
                    self.events.append(message)
        finally:
            self.ws.settimeout(30)

    def wait_for(self, expression, timeout, what):
        end = time.time() + timeout
        guarded = f"(() => {{ try {{ return !!({expression}); }} catch (e) {{ return false; }} }})()"
        while time.time() < end:
            if self.evaluate(guarded):
                return
            self.pump(0.1)
        raise CheckFailed(f"timed out waiting for {what} ({expression})")

    def key(self, key, code, key_code):
        for kind in ("rawKeyDown", "keyUp"):
            self.call("Input.dispatchKeyEvent", type=kind, key=key, code=code,
                      windowsVirtualKeyCode=key_code, nativeVirtualKeyCode=key_code)

    def mouse(self, kind, x, y, buttons):
        self.call("Input.dispatchMouseEvent", type=kind, x=x, y=y, button="left", buttons=buttons, clickCount=1)


def start_chromium(binary, profile):
    process = subprocess.Popen(
        [binary, "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
         "--no-first-run", "--no-default-browser-check", "--disable-extensions", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--hide-scrollbars", "--force-color-profile=srgb",
         "--remote-debugging-port=0", "--remote-debugging-address=127.0.0.1", f"--user-data-dir={profile}",
         "--window-size=1360,900", "about:blank"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    port_file = pathlib.Path(profile) / "DevToolsActivePort"
    end = time.time() + 60
    while time.time() < end:
        if process.poll() is not None:
            raise SetupFailed(f"chromium exited with status {process.returncode}")
        if port_file.is_file() and port_file.read_text().strip():
            port = int(port_file.read_text().split()[0])
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/json/list", timeout=2) as response:
                    pages = [t for t in json.load(response) if t.get("type") == "page"]
                if pages:
                    return process, pages[0]["webSocketDebuggerUrl"]
            except OSError:
                pass
        time.sleep(0.2)
    raise SetupFailed("chromium did not open its DevTools port")


def stop(process, name):
    if process is None or process.poll() is not None:
        return
    try:
        os.killpg(process.pid, signal.SIGTERM) if name == "chromium" else process.terminate()
        process.wait(timeout=10)
    except Exception:
        process.kill()


# ---------------------------------------------------------------- the test


def decode_requests(events):
    """(request id, post body) of each POST /v1/decode the page sent, in order."""
    return [(e["params"]["requestId"], e["params"]["request"].get("postData", ""))
            for e in events if e["method"] == "Network.requestWillBeSent"
            and e["params"]["request"]["method"] == "POST" and e["params"]["request"]["url"].endswith("/v1/decode")]


def max_decodes_in_flight(events):
    ids = {ident for ident, _ in decode_requests(events)}
    in_flight = peak = 0
    for e in events:
        ident = e["params"].get("requestId")
        if ident not in ids:
            continue
        if e["method"] == "Network.requestWillBeSent":
            in_flight += 1
            peak = max(peak, in_flight)
        elif e["method"] in ("Network.loadingFinished", "Network.loadingFailed"):
            in_flight -= 1
    return peak


def curve_counts(dev):
    return dev.evaluate("""({
        eos: document.querySelectorAll('#eos-plot path.series.line').length,
        mr: document.querySelectorAll('#mr-plot path.series.line').length,
        mrReferences: document.querySelectorAll('#mr-plot g.series.refline').length,
        eosPoints: (document.querySelector('#eos-plot path.series-0.line')?.getAttribute('d') || '').split('L').length,
        mrPoints: (document.querySelector('#mr-plot path.series-0.line')?.getAttribute('d') || '').split('L').length,
        dashedReference: !!document.querySelector('#eos-plot path.series-1.line')?.getAttribute('stroke-dasharray')
                         && !!document.querySelector('#mr-plot path.series-1.line')?.getAttribute('stroke-dasharray'),
    })""")


def settled(done_before):
    return (f"document.body.dataset.busy === 'false' && Number(document.body.dataset.decodeDone) > {done_before}"
            " && document.body.dataset.state === 'ready'")


def run(dev, base, screenshot, phone_screenshot=None):
    dev.call("Page.enable")
    dev.call("Runtime.enable")
    dev.call("Network.enable")
    dev.call("Emulation.setDeviceMetricsOverride", width=1360, height=900, deviceScaleFactor=1, mobile=False)
    started = time.time()
    dev.call("Page.navigate", url=base + "/")

    # Loads, reads the model, decodes the centre.
    dev.wait_for(settled(0), 60, "the first decode")
    log(f"page loaded and decoded in {time.time() - started:.1f} s")
    check(dev.evaluate("document.title") == "Neutron-star EOS explorer", "the page has its title")
    sliders = dev.evaluate("[...document.querySelectorAll('input[type=range]')].map(e => e.id)")
    check(len(sliders) >= 2 and sliders[:2] == ["in-m_max", "in-r_14"], f"sliders for M_max, R_1.4 and z: {sliders}")
    unlabeled = dev.evaluate("[...document.querySelectorAll('input')].filter(e => !e.labels.length && !e.getAttribute('aria-label')).length")
    check(unlabeled == 0, "every input has a label")
    counts = curve_counts(dev)
    check(counts["eos"] == 2, f"P(n_B) plot: decoded + SLy4 curves ({counts['eos']})")
    check(counts["mr"] == 2, f"M-R plot: decoded + SLy4 curves ({counts['mr']})")
    check(counts["mrReferences"] == 2, f"M-R plot: 1.4 Msun and pulsar reference lines ({counts['mrReferences']})")
    check(counts["dashedReference"], "SLy4 is dashed in both plots")
    check(counts["eosPoints"] > 50 and counts["mrPoints"] > 10,
          f"the decoded curves have points (P(n_B) {counts['eosPoints']}, M-R {counts['mrPoints']})")
    numbers = dev.evaluate("['out-mmax','out-r14','out-lambda','out-causal'].map(id => document.getElementById(id).textContent)")
    check(all(n and n != "–" for n in numbers), f"numbers shown: {numbers}")

    # Keyboard: focus the M_max slider and press the right arrow four times.
    before = len(decode_requests(dev.events))
    done = dev.evaluate("Number(document.body.dataset.decodeDone)")
    old_mmax = dev.evaluate("document.getElementById('out-mmax').textContent")
    dev.evaluate("document.getElementById('in-m_max').focus()")
    for _ in range(4):
        dev.key("ArrowRight", "ArrowRight", 39)
    dev.wait_for(settled(done), 60, "the decode after the keyboard change")
    dev.pump(0.3)
    sent = decode_requests(dev.events)[before:]
    check(len(sent) >= 1, f"moving the slider sent {len(sent)} POST /v1/decode request(s)")
    value = dev.evaluate("Number(document.getElementById('in-m_max').value)")
    last_body = json.loads(sent[-1][1])
    check(abs(last_body["m_max"] - value) < 1e-9, f"the last request asks for the slider's value m_max={value}")
    new_mmax = dev.evaluate("document.getElementById('out-mmax').textContent")
    check(new_mmax != old_mmax, f"M_max shown changed: {old_mmax} -> {new_mmax}")
    check(curve_counts(dev)["eos"] == 2 and curve_counts(dev)["mr"] == 2, "still two curves per plot after the change")

    # Mouse drag across the R_1.4 slider: at most one decode in flight at a time.
    before = len(decode_requests(dev.events))
    done = dev.evaluate("Number(document.body.dataset.decodeDone)")
    box = dev.evaluate("(() => { const r = document.getElementById('in-r_14').getBoundingClientRect();"
                       " return {x: r.left, y: r.top + r.height / 2, w: r.width}; })()")
    x0, x1, y = box["x"] + 0.3 * box["w"], box["x"] + 0.7 * box["w"], box["y"]
    dev.mouse("mousePressed", x0, y, 1)
    moves = 30
    for i in range(1, moves + 1):
        dev.mouse("mouseMoved", x0 + (x1 - x0) * i / moves, y, 1)
        dev.pump(0.02)
    dev.mouse("mouseReleased", x1, y, 0)
    dev.wait_for(settled(done), 60, "the decode after the drag")
    dev.pump(0.3)
    sent = decode_requests(dev.events)[before:]
    value = dev.evaluate("Number(document.getElementById('in-r_14').value)")
    check(len(sent) >= 1 and abs(json.loads(sent[-1][1])["r_14"] - value) < 1e-9,
          f"the drag over {moves} mouse moves sent {len(sent)} decode request(s), the last for r_14={value}")

    # A burst of 40 synchronous input events (a fast drag): coalesced, the last value wins.
    before = len(decode_requests(dev.events))
    done = dev.evaluate("Number(document.body.dataset.decodeDone)")
    target = dev.evaluate("""(() => {
        const s = document.getElementById('in-m_max');
        const lo = Number(s.min), hi = Number(s.max);
        for (let i = 0; i < 40; i++) {
            s.value = String(lo + (hi - lo) * (0.3 + 0.4 * i / 39));
            s.dispatchEvent(new Event('input', {bubbles: true}));
        }
        return Number(s.value);
    })()""")
    dev.wait_for(settled(done) + f" && Number(document.getElementById('in-m_max').value) === {target}", 60,
                 "the decode after the burst")
    dev.pump(0.3)
    sent = decode_requests(dev.events)[before:]
    check(1 <= len(sent) <= 2, f"40 input events sent {len(sent)} decode request(s) (coalesced)")
    check(abs(json.loads(sent[-1][1])["m_max"] - target) < 1e-9, f"the last request is for the last value m_max={target}")
    peak = max_decodes_in_flight(dev.events)
    check(peak == 1, f"at most one decode request in flight at any time (peak {peak})")

    # Everything the page loaded came from the server itself.
    urls = {e["params"]["request"]["url"] for e in dev.events if e["method"] == "Network.requestWillBeSent"}
    foreign = sorted(u for u in urls if not u.startswith(base + "/") and not u.startswith("data:"))
    check(not foreign, f"all {len(urls)} request URLs are same-origin (foreign: {foreign})")
    errors = [e for e in dev.events if e["method"] == "Runtime.exceptionThrown"
              or (e["method"] == "Runtime.consoleAPICalled" and e["params"]["type"] == "error")]
    check(not errors, f"no script errors ({errors[:1]})")

    # Screenshot at a representative point: the SLy4-like centre values via Reset, then M_max 2.2.
    done = dev.evaluate("Number(document.body.dataset.decodeDone)")
    dev.evaluate("document.getElementById('reset').click()")
    dev.wait_for(settled(done), 60, "the decode after reset")
    counts = curve_counts(dev)
    check(counts["eos"] == 2 and counts["mr"] == 2, "two curves per plot before the screenshot")
    dev.evaluate("document.activeElement && document.activeElement.blur()")
    height = dev.evaluate("Math.ceil(document.documentElement.scrollHeight)")
    dev.call("Emulation.setDeviceMetricsOverride", width=1360, height=max(700, min(int(height), 1400)),
             deviceScaleFactor=1, mobile=False)
    dev.pump(0.3)
    shot = dev.call("Page.captureScreenshot", format="png", captureBeyondViewport=False)
    screenshot.parent.mkdir(parents=True, exist_ok=True)
    screenshot.write_bytes(base64.b64decode(shot["data"]))
    check(screenshot.stat().st_size > 10_000, f"screenshot written to {screenshot} ({screenshot.stat().st_size} bytes)")

    # A phone: nothing wider than the viewport.
    dev.call("Emulation.setDeviceMetricsOverride", width=390, height=844, deviceScaleFactor=2, mobile=True)
    dev.pump(0.5)
    overflow = dev.evaluate("document.documentElement.scrollWidth")
    check(overflow <= 390, f"phone viewport (390 px): page width {overflow} px, no horizontal scrolling")
    widths = dev.evaluate("[...document.querySelectorAll('figure svg')].map(s => Math.round(s.getBoundingClientRect().width))")
    check(all(300 <= w <= 390 for w in widths), f"plots fill the phone's width: {widths}")
    if phone_screenshot:
        shot = dev.call("Page.captureScreenshot", format="png", captureBeyondViewport=True,
                        clip={"x": 0, "y": 0, "width": 390, "height": dev.evaluate("document.documentElement.scrollHeight"), "scale": 1})
        phone_screenshot.write_bytes(base64.b64decode(shot["data"]))
        log(f"phone screenshot written to {phone_screenshot}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("screenshot", nargs="?", default=str(ROOT / "docs" / "explorer.png"))
    parser.add_argument("--server", help="eos-server binary (default: build it with swift build)")
    parser.add_argument("--scratch-path", help="swift build --scratch-path when building eos-server")
    parser.add_argument("--timeout", type=float, default=240, help="bound on the whole run in seconds (default 240)")
    parser.add_argument("--phone-screenshot", help="also write a full-page screenshot of the 390 px phone layout here")
    args = parser.parse_args()
    screenshot = pathlib.Path(args.screenshot).resolve()

    def expired(*_):
        raise CheckFailed(f"the test did not finish within {args.timeout:.0f} s")
    signal.signal(signal.SIGALRM, expired)

    server = browser = None
    profile = tempfile.mkdtemp(prefix="explorer-chromium-")
    started = time.time()
    try:
        chromium = ensure_chromium()
        websocket = ensure_websocket()
        binary = server_binary(args)
        signal.alarm(int(args.timeout))  # bound the run itself (not apt-get or the build)
        model_dir, model = model_location()
        port = free_port()
        base = f"http://127.0.0.1:{port}"
        log(f"starting {binary.name} on {base} with model {model} from {model_dir}")
        server = subprocess.Popen([str(binary), "--host", "127.0.0.1", "--port", str(port), "--model-dir", str(model_dir),
                                   "--model", model, "--no-access-log", "--log-level", "warning"], cwd=ROOT)
        wait_ready(base, time.time() + 60, server)
        browser, page = start_chromium(chromium, profile)
        dev = DevTools(websocket, page)
        run(dev, base, screenshot, pathlib.Path(args.phone_screenshot).resolve() if args.phone_screenshot else None)
        log(f"passed in {time.time() - started:.1f} s")
        return 0
    except CheckFailed as failure:
        log(f"FAILED: {failure}")
        return 1
    except (SetupFailed, subprocess.CalledProcessError, OSError) as problem:
        log(f"SETUP FAILED: {problem}")
        return 2
    finally:
        signal.alarm(0)
        stop(browser, "chromium")
        stop(server, "eos-server")
        shutil.rmtree(profile, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
