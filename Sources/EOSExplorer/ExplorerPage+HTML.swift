extension ExplorerPage {
    /// The page: inline CSS and JavaScript only (no external scripts, fonts, images or CDNs), so it works offline.
    /// `__SLY4_JSON__` is replaced by SLy4's curves (``SLy4Reference/json``).
    ///
    /// Behaviour: reads the training region from `GET /v1/models`, builds a slider and a number input per
    /// latent (M_max, R_1.4, z…), shades the supported (M_max, R_1.4) region at the current z when the model publishes
    /// `training_region.support` (its score computed in the page, as openapi.yaml's RegionSupport describes), and decodes through `POST /v1/decode` with at most one request in flight:
    /// changes made meanwhile are coalesced into one pending request (latest value wins), and an in-flight request
    /// that is superseded and older than 0.8 s is aborted (AbortController), as is any request after 30 s.
    /// Plots are drawn client-side as inline SVG with SVGPlot's class convention: each curve is one
    /// `<path class="series series-N line">` (the decoded EOS, then SLy4), reference lines are `g.refline`.
    /// For tests, `<body>` carries `data-state` (`loading`, `ready`, `error`), `data-decode-sent`,
    /// `data-decode-done` and `data-decode-aborted`.
    static let template = #"""
<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Neutron-star EOS explorer</title>
<style>
:root { --ink:#1a1a1a; --muted:#555; --line:#d4d4d4; --accent:#0072b2; --bad:#b00020; --good:#1b7f3b; --panel:#f5f6f8; }
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; text-size-adjust: 100%; }
body { margin: 0; font: 16px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", sans-serif; color: var(--ink); background: #fff; }
header, main, footer { max-width: 1320px; margin: 0 auto; padding: 0 1rem; }
header h1 { font-size: 1.35rem; margin: .9rem 0 .2rem; }
header p { margin: 0 0 .8rem; color: var(--muted); }
.layout { display: grid; gap: 1rem; grid-template-columns: minmax(0, 1fr); }
@media (min-width: 960px) { .layout { grid-template-columns: 280px minmax(0, 1fr); } }
.results { display: grid; gap: 1rem; align-content: start; min-width: 0; }
#controls { align-self: start; }
.card { background: var(--panel); border-radius: 8px; padding: .75rem 1rem; }
fieldset { border: 0; padding: 0; margin: 0; min-width: 0; }
legend, h2 { font-size: 1rem; font-weight: 650; margin: 0 0 .4rem; padding: 0; }
.hint { font-size: .8rem; color: var(--muted); margin: 0 0 .6rem; }
.control { margin-bottom: .8rem; }
.control label { display: block; font-weight: 600; }
.control .row { display: flex; gap: .5rem; align-items: center; }
#region-map rect.cell { fill: #9ecae1; }
#region-map .frame { fill: none; stroke: var(--muted); }
#region-map circle { fill: var(--bad); stroke: #fff; stroke-width: 1.5; }
#region-map text { font-size: 11px; fill: var(--muted); }
.control .limits { font-size: .75rem; color: var(--muted); font-variant-numeric: tabular-nums; }
input[type=range] { flex: 1; min-width: 0; height: 2rem; margin: 0; accent-color: var(--accent); }
input[type=number] { width: 6.2rem; font: inherit; font-variant-numeric: tabular-nums; padding: .25rem .35rem; border: 1px solid #888; border-radius: 4px; }
input[aria-invalid=true] { border-color: var(--bad); box-shadow: 0 0 0 2px var(--bad); }
:focus-visible { outline: 3px solid #e69f00; outline-offset: 2px; }
button { font: inherit; padding: .3rem .8rem; border-radius: 4px; border: 1px solid #666; background: #fff; color: var(--ink); cursor: pointer; }
dl.numbers { display: grid; grid-template-columns: repeat(auto-fit, minmax(8.5rem, 1fr)); gap: .4rem 1rem; margin: 0; }
dt { color: var(--muted); font-size: .85rem; }
dd { margin: 0; font-size: 1.15rem; font-weight: 650; font-variant-numeric: tabular-nums; }
dd small { font-size: .8rem; font-weight: 400; color: var(--muted); }
.ok { color: var(--good); }
.bad { color: var(--bad); }
#status { min-height: 1.5em; margin: .5rem 0 0; font-size: .9rem; color: var(--muted); }
#status.error { color: var(--bad); }
.plots { display: grid; gap: 1rem; grid-template-columns: repeat(auto-fit, minmax(min(100%, 400px), 1fr)); align-content: start; }
figure { margin: 0; border: 1px solid var(--line); border-radius: 8px; padding: .4rem; background: #fff; min-width: 0; }
figure svg { display: block; width: 100%; height: auto; }
figcaption { font-size: .85rem; color: var(--muted); padding: .2rem .3rem 0; }
a { color: var(--accent); }
body[data-busy="true"] .plots { opacity: .8; }
@media (prefers-reduced-motion: no-preference) { .plots { transition: opacity .12s; } }
footer { color: var(--muted); font-size: .85rem; padding-top: .5rem; padding-bottom: 1.5rem; }
svg .tick-label { font-size: 15px; fill: #333; }
svg .axis-label { font-size: 16px; fill: #1a1a1a; }
svg .panel-title { font-size: 17px; font-weight: 600; fill: #1a1a1a; }
svg .legend-entry text, svg .refline-label { font-size: 14px; fill: #1a1a1a; }
@media (max-width: 600px) {
  svg .tick-label { font-size: 18px; }
  svg .axis-label { font-size: 19px; }
  svg .panel-title { font-size: 20px; }
  svg .legend-entry text, svg .refline-label { font-size: 17px; }
}
</style>
</head>
<body data-state="loading" data-busy="false" data-decode-sent="0" data-decode-done="0" data-decode-aborted="0">
<header>
<h1>Neutron-star EOS explorer</h1>
<p id="model-line">Decode a latent point (M<sub>max</sub>, R<sub>1.4</sub>, z) of the structured VAE into an equation of state and its stars.</p>
</header>
<main class="layout">
<form class="card" id="controls" onsubmit="return false">
<fieldset>
<legend>Latent point</legend>
<p class="hint" id="controls-hint">Ranges: the model's training region. Arrow keys move a slider a step, Page Up/Down ten steps, Home/End to the limits.</p>
<div id="control-list"></div>
<button type="button" id="reset">Reset to the centre</button>
</fieldset>
<figure id="region-figure" hidden>
<svg id="region-map" viewBox="0 0 280 230" role="img" aria-labelledby="region-caption"><g class="supported"></g><rect class="frame" x="0" y="0" width="280" height="210"/><circle r="4" cx="-10" cy="-10"/><text class="labels"></text></svg>
<figcaption id="region-caption" class="hint">Shaded: (M<sub>max</sub>, R<sub>1.4</sub>) inside the training region at the current z (region score ≥ threshold); R<sub>1.4</sub> across, M<sub>max</sub> up, over the training label box. Dot: the current point.</figcaption>
</figure>
</form>
<div class="results">
<section class="card" aria-labelledby="numbers-title">
<h2 id="numbers-title">Decoded EOS</h2>
<dl class="numbers">
<div><dt>M<sub>max</sub></dt><dd id="out-mmax">–</dd></div>
<div><dt>R<sub>1.4</sub></dt><dd id="out-r14">–</dd></div>
<div><dt>Λ<sub>1.4</sub></dt><dd id="out-lambda">–</dd></div>
<div><dt>Causality</dt><dd id="out-causal">–</dd></div>
<div><dt>Training region</dt><dd id="out-region">–</dd></div>
</dl>
<p id="status" role="status" aria-live="polite">Loading the model…</p>
</section>
<section class="plots" aria-label="Plots">
<figure>
<svg id="eos-plot" viewBox="0 0 560 420" role="img" aria-labelledby="eos-caption"></svg>
<figcaption id="eos-caption">Pressure P against baryon density n<sub>B</sub> (log–log): decoded EOS solid, SLy4 dashed. <a id="eos-link" href="v1/plot/eos.svg">SVG for print</a></figcaption>
</figure>
<figure>
<svg id="mr-plot" viewBox="0 0 560 420" role="img" aria-labelledby="mr-caption"></svg>
<figcaption id="mr-caption">Mass–radius relation: decoded solid, SLy4 dashed; the 1.4 M☉ line and PSR J0740+6620 (2.08 M☉). <a id="mr-link" href="v1/plot/mass-radius.svg">SVG for print</a></figcaption>
</figure>
</section>
</div>
</main>
<footer><p>Served by eos-server. API: <a href="openapi.yaml">openapi.yaml</a>. Units: n<sub>B</sub> in fm⁻³, P in MeV fm⁻³, M in M☉, R in km.</p></footer>
<noscript><p>This page needs JavaScript to decode and draw.</p></noscript>
<script>
"use strict";
const SLY4 = __SLY4_JSON__;
const PULSAR_MASS = 2.08;        // PSR J0740+6620 [Msun]
const LOWEST_PRESSURE = 0.05;    // P(n_B) is drawn from here up [MeV fm^-3], as in /v1/plot/eos.svg
const STALE_MS = 800;            // abort a superseded in-flight request older than this
const TIMEOUT_MS = 30000;
const DECODED_COLOR = "#0072b2", REFERENCE_COLOR = "#222222";

const $ = (id) => document.getElementById(id);
const body = document.body;
const controls = [];             // {key, name, range, number, min, max, step, centre, decimals}
let limits = null;
let inFlight = null;             // {controller, started, staleTimer}
let pending = null;              // latest parameters not yet sent
const counters = {sent: 0, done: 0, aborted: 0};

function count(name) { counters[name] += 1; body.dataset["decode" + name[0].toUpperCase() + name.slice(1)] = String(counters[name]); }
function esc(text) { return String(text).replace(/[&<>"]/g, (c) => ({"&": "&amp;", "<": "&lt;", ">": "&gt;", "\"": "&quot;"}[c])); }
function setStatus(text, isError) { const s = $("status"); s.textContent = text; s.classList.toggle("error", !!isError); s.setAttribute("role", isError ? "alert" : "status"); }

// ---------- controls ----------
function niceStep(span) {
  const raw = span / 200, p = Math.pow(10, Math.floor(Math.log10(raw))), m = raw / p;
  return (m < 1.5 ? 1 : m < 3.5 ? 2 : m < 7.5 ? 5 : 10) * p;
}
function decimalsOf(step) { return Math.max(0, Math.min(6, Math.ceil(-Math.log10(step) - 1e-9))); }

function addControl(key, labelHTML, unit, regionMin, regionMax, centre) {
  // The slider runs over the multiples of a round step inside the region, so every value is a short decimal.
  const step = niceStep(regionMax - regionMin), decimals = decimalsOf(step);
  const min = Number((Math.ceil(regionMin / step - 1e-9) * step).toFixed(decimals));
  const max = Number((Math.floor(regionMax / step + 1e-9) * step).toFixed(decimals));
  const snap = (v) => Math.min(max, Math.max(min, Number((Math.round(v / step) * step).toFixed(decimals))));
  const div = document.createElement("div");
  div.className = "control";
  const id = "in-" + key.replace(/\W/g, "-");
  div.innerHTML =
    `<label for="${id}">${labelHTML}${unit ? " [" + unit + "]" : ""}</label>` +
    `<div class="row"><input type="range" id="${id}" min="${min}" max="${max}" step="${step}">` +
    `<input type="number" id="${id}-value" min="${min}" max="${max}" step="${step}" inputmode="decimal" aria-label="${esc(key)} value${unit ? " in " + unit : ""}"></div>` +
    `<div class="limits" id="${id}-limits">${min.toFixed(decimals)} … ${max.toFixed(decimals)}</div>`;
  $("control-list").appendChild(div);
  const c = {key, range: div.querySelector("input[type=range]"), number: div.querySelector("input[type=number]"),
             min, max, step, decimals, centre: snap(centre)};
  c.range.setAttribute("aria-describedby", id + "-limits");
  c.set = (v) => { c.range.value = String(v); c.number.value = Number(v).toFixed(decimals); c.number.setAttribute("aria-invalid", "false"); };
  c.value = () => Number(c.range.value);
  c.range.addEventListener("input", () => { c.number.value = c.value().toFixed(decimals); c.number.setAttribute("aria-invalid", "false"); changed(); });
  c.number.addEventListener("input", () => {
    const v = Number(c.number.value);
    if (c.number.value.trim() === "" || !Number.isFinite(v) || v < min || v > max) {
      c.number.setAttribute("aria-invalid", "true");
      setStatus(`${key} must be between ${min.toFixed(decimals)} and ${max.toFixed(decimals)}${unit ? " " + unit : ""}.`, true);
      return;
    }
    c.number.setAttribute("aria-invalid", "false");
    c.range.value = String(v);
    changed();
  });
  c.number.addEventListener("change", () => { if (c.number.getAttribute("aria-invalid") === "true") c.set(c.value()); });
  controls.push(c);
  return c;
}

function parameters() {
  const p = {z: []};
  for (const c of controls) {
    // A typed value is sent as typed; a slider value is a multiple of the step, written with the step's decimals.
    const typed = c.number.getAttribute("aria-invalid") === "false" && c.number.value.trim() !== "";
    const value = typed ? Number(c.number.value) : Number(c.value().toFixed(c.decimals));
    if (c.key === "m_max") p.m_max = value; else if (c.key === "r_14") p.r_14 = value; else p.z.push(value);
  }
  return p;
}

function queryString(p) {
  let q = `m_max=${p.m_max}&r_14=${p.r_14}`;
  if (p.z.length) q += `&z=${p.z.join(",")}`;
  return q;
}

function changed() {
  const p = parameters(), q = queryString(p);
  $("eos-link").href = "v1/plot/eos.svg?" + q;
  $("mr-link").href = "v1/plot/mass-radius.svg?" + q;
  history.replaceState(null, "", "#" + q);
  drawRegionMap(p);
  requestDecode(p);
}

// ---------- the supported region: training_region.support, scored as openapi.yaml's RegionSupport describes ----------
let support = null, labelBox = null, mapKey = null;
function regionScore(x) {
  const s = support, D = x.length, u = new Array(D), scale = -0.5 / (s.bandwidth * s.bandwidth);
  for (let i = 0; i < D; i++) {
    let v = x[i] - s.center[i];
    for (let j = 0; j < i; j++) v -= s.cholesky_factor[i][j] * u[j];
    u[i] = v / s.cholesky_factor[i][i];
  }
  const e = new Float64Array(s.whitened_points.length);
  let top = -Infinity;
  s.whitened_points.forEach((w, k) => {
    let q = 0;
    for (let i = 0; i < D; i++) { const d = u[i] - w[i]; q += d * d; }
    e[k] = scale * q;
    if (e[k] > top) top = e[k];
  });
  let sum = 0;
  for (const v of e) sum += Math.exp(v - top);
  const logF = top + Math.log(sum / e.length), c = s.calibration_log_densities;
  let lo = 0, hi = c.length;
  while (lo < hi) { const mid = (lo + hi) >> 1; if (c[mid] < logF) lo = mid + 1; else hi = mid; }
  return lo / c.length;
}
function drawRegionMap(p) {
  if (!support) return;
  const W = 280, H = 210, NX = 40, NY = 30, m = labelBox.m_max, r = labelBox.r_14, svg = $("region-map");
  const key = p.z.join(",");
  if (key !== mapKey) {  // the shading depends on z only; M_max and R_1.4 moves just move the dot
    mapKey = key;
    let cells = "";
    for (let i = 0; i < NX; i++) for (let j = 0; j < NY; j++) {
      const rr = r.min + (i + 0.5) * (r.max - r.min) / NX, mm = m.min + (j + 0.5) * (m.max - m.min) / NY;
      if (regionScore([mm, rr, ...p.z]) >= support.threshold) {
        cells += `<rect class="cell" x="${(i * W / NX).toFixed(1)}" y="${((NY - 1 - j) * H / NY).toFixed(1)}" width="${(W / NX + 0.4).toFixed(1)}" height="${(H / NY + 0.4).toFixed(1)}"/>`;
      }
    }
    svg.querySelector("g.supported").innerHTML = cells;
    svg.querySelector("text.labels").innerHTML =
      `<tspan x="0" y="224">${r.min.toFixed(1)} km</tspan><tspan x="280" y="224" text-anchor="end">${r.max.toFixed(1)} km</tspan>` +
      `<tspan x="140" y="224" text-anchor="middle">M ${m.min.toFixed(2)}–${m.max.toFixed(2)} M☉</tspan>`;
  }
  const dot = svg.querySelector("circle");
  dot.setAttribute("cx", ((p.r_14 - r.min) / (r.max - r.min) * W).toFixed(1));
  dot.setAttribute("cy", ((1 - (p.m_max - m.min) / (m.max - m.min)) * H).toFixed(1));
}

// ---------- decoding: one request in flight, the latest change pending ----------
function requestDecode(p) {
  pending = p;
  if (!inFlight) { pump(); return; }
  if (performance.now() - inFlight.started > STALE_MS) inFlight.controller.abort();
}

async function pump() {
  if (inFlight || !pending) return;
  const p = pending;
  pending = null;
  const controller = new AbortController();
  const flight = {controller, started: performance.now()};
  flight.staleTimer = setTimeout(() => { if (pending) controller.abort(); }, STALE_MS);
  flight.timeout = setTimeout(() => controller.abort(), TIMEOUT_MS);
  inFlight = flight;
  body.dataset.busy = "true";
  count("sent");
  try {
    const request = {m_max: p.m_max, r_14: p.r_14, eos_points: Math.min(600, limits.max_eos_points)};
    if (p.z.length) request.z = p.z;
    const response = await fetch("v1/decode", {method: "POST", headers: {"Content-Type": "application/json"},
                                               body: JSON.stringify(request), signal: controller.signal});
    const result = await response.json();
    if (!response.ok) {
      const e = result && result.error ? result.error : {message: "HTTP " + response.status};
      setStatus(`Cannot decode this point: ${e.message}`, true);
      body.dataset.state = "ready";
    } else {
      show(result);
      const ms = Math.round(performance.now() - flight.started);
      setStatus(`Decoded M_max ${p.m_max} M☉, R_1.4 ${p.r_14} km${p.z.length ? ", z (" + p.z.join(", ") + ")" : ""} in ${ms} ms.`, false);
      body.dataset.state = "ready";
    }
    count("done");
  } catch (error) {
    if (error && error.name === "AbortError") {
      count("aborted");
      if (!pending) setStatus("The decode took too long and was cancelled; move a slider to retry.", true);
    } else {
      setStatus(`The server could not be reached: ${error}`, true);
    }
  } finally {
    clearTimeout(flight.staleTimer);
    clearTimeout(flight.timeout);
    inFlight = null;
    body.dataset.busy = pending ? "true" : "false";
    if (pending) pump();
  }
}

// ---------- numbers ----------
function show(r) {
  $("out-mmax").textContent = `${r.m_max.toFixed(3)} M☉`;
  $("out-r14").textContent = `${r.r_14.toFixed(2)} km`;
  $("out-lambda").textContent = r.lambda_14 >= 100 ? r.lambda_14.toFixed(0) : r.lambda_14.toPrecision(3);
  const d = r.diagnostics;
  const causal = $("out-causal");
  if (d) {
    causal.innerHTML = `${d.causal ? "causal" : "acausal"} <small>max c<sub>s</sub>² = ${d.max_cs2.toFixed(3)}</small>`;
    causal.className = d.causal ? "ok" : "bad";
    const region = $("out-region");
    region.textContent = (d.inside_training_region ? "inside" : "outside")
      + (typeof d.region_score === "number" ? ` (score ${d.region_score.toFixed(3)})` : "");
    region.className = d.inside_training_region ? "ok" : "bad";
  }
  drawEOS(r);
  drawMR(r);
}

// ---------- plotting (SVGPlot's class convention) ----------
const SUP = {"-": "⁻", "0": "⁰", "1": "¹", "2": "²", "3": "³", "4": "⁴", "5": "⁵", "6": "⁶", "7": "⁷", "8": "⁸", "9": "⁹"};
const power = (k) => "10" + String(k).split("").map((c) => SUP[c]).join("");
function linearTicks(lo, hi) {
  const raw = (hi - lo) / 6, p = Math.pow(10, Math.floor(Math.log10(raw))), m = raw / p;
  const step = (m < 1.5 ? 1 : m < 3.5 ? 2 : m < 7.5 ? 5 : 10) * p, decimals = Math.max(0, -Math.floor(Math.log10(step) + 1e-9));
  const ticks = [];
  for (let v = Math.ceil(lo / step - 1e-9) * step; v <= hi + step * 1e-9; v += step) ticks.push({v, label: v.toFixed(decimals), major: true});
  return ticks;
}
function logTicks(lo, hi) {
  const ticks = [], a = Math.floor(Math.log10(lo)), b = Math.ceil(Math.log10(hi));
  const few = Math.log10(hi / lo) < 2;
  for (let k = a; k <= b; k++) for (let m = 1; m < 10; m++) {
    const v = m * Math.pow(10, k);
    if (v < lo * (1 - 1e-9) || v > hi * (1 + 1e-9)) continue;
    const label = m === 1 ? power(k) : few && (m === 2 || m === 5) ? `${m}×${power(k)}` : null;
    ticks.push({v, label, major: m === 1});
  }
  return ticks;
}
function extent(arrays, log) {
  let lo = Infinity, hi = -Infinity;
  for (const a of arrays) for (const v of a) if (Number.isFinite(v) && (!log || v > 0)) { lo = Math.min(lo, v); hi = Math.max(hi, v); }
  return [lo, hi];
}
function padLog([lo, hi], f) { const l = Math.log10(lo), h = Math.log10(hi), d = (h - l) * f; return [Math.pow(10, l - d), Math.pow(10, h + d)]; }

function drawPlot(svg, spec) {
  const W = 560, H = 420, L = 76, R = 18, T = 36, B = 58, pw = W - L - R, ph = H - T - B;
  const axis = (a, size, flip) => {
    const f = a.log ? Math.log10 : (v) => v, lo = f(a.range[0]), hi = f(a.range[1]);
    return (v) => flip ? T + ph - (f(v) - lo) / (hi - lo) * ph : L + (f(v) - lo) / (hi - lo) * size;
  };
  const X = axis(spec.x, pw, false), Y = axis(spec.y, ph, true);
  const fx = (v) => X(v).toFixed(2), fy = (v) => Y(v).toFixed(2);
  const clip = svg.id + "-clip";
  const out = [];
  out.push(`<defs><clipPath id="${clip}"><rect x="${L}" y="${T}" width="${pw}" height="${ph}"/></clipPath></defs>`);
  out.push(`<text class="panel-title" x="${L + pw / 2}" y="${T - 12}" text-anchor="middle">${esc(spec.title)}</text>`);
  const xt = spec.x.log ? logTicks(...spec.x.range) : linearTicks(...spec.x.range);
  const yt = spec.y.log ? logTicks(...spec.y.range) : linearTicks(...spec.y.range);
  out.push(`<g class="axis x-axis">`);
  for (const t of xt) {
    const x = fx(t.v);
    if (t.major) out.push(`<line class="grid" x1="${x}" y1="${T}" x2="${x}" y2="${T + ph}" stroke="#e6e6e6"/>`);
    out.push(`<line class="tick ${t.major ? "major" : "minor"}" x1="${x}" y1="${T + ph}" x2="${x}" y2="${T + ph + (t.major ? 6 : 3)}" stroke="#333"/>`);
    if (t.label) out.push(`<text class="tick-label" x="${x}" y="${T + ph + 23}" text-anchor="middle">${t.label}</text>`);
  }
  out.push(`<text class="axis-label" x="${L + pw / 2}" y="${H - 10}" text-anchor="middle">${spec.x.label}</text></g>`);
  out.push(`<g class="axis y-axis">`);
  for (const t of yt) {
    const y = fy(t.v);
    if (t.major) out.push(`<line class="grid" x1="${L}" y1="${y}" x2="${L + pw}" y2="${y}" stroke="#e6e6e6"/>`);
    out.push(`<line class="tick ${t.major ? "major" : "minor"}" x1="${L - (t.major ? 6 : 3)}" y1="${y}" x2="${L}" y2="${y}" stroke="#333"/>`);
    if (t.label) out.push(`<text class="tick-label" x="${L - 9}" y="${(Y(t.v) + 5).toFixed(2)}" text-anchor="end">${t.label}</text>`);
  }
  out.push(`<text class="axis-label" transform="translate(18 ${T + ph / 2}) rotate(-90)" text-anchor="middle">${spec.y.label}</text></g>`);
  out.push(`<g class="plot-area" clip-path="url(#${clip})">`);
  spec.series.forEach((s, n) => {
    if (s.kind === "line") {
      let d = "", pen = false;
      for (let i = 0; i < s.x.length; i++) {
        const ok = Number.isFinite(s.x[i]) && Number.isFinite(s.y[i]) && (!spec.x.log || s.x[i] > 0) && (!spec.y.log || s.y[i] > 0);
        if (!ok) { pen = false; continue; }
        d += `${pen ? "L" : "M"}${fx(s.x[i])} ${fy(s.y[i])}`;
        pen = true;
      }
      out.push(`<path class="series series-${n} line" d="${d}" fill="none" stroke="${s.color}" stroke-width="${s.width}"` +
               `${s.dash ? ` stroke-dasharray="${s.dash}"` : ""} stroke-linejoin="round" stroke-linecap="round"><title>${esc(s.label)}</title></path>`);
    } else if (s.kind === "refline") {
      const y = fy(s.y);
      out.push(`<g class="series series-${n} refline"><line x1="${L}" y1="${y}" x2="${L + pw}" y2="${y}" stroke="${s.color}" stroke-width="1" stroke-dasharray="${s.dash}"/>` +
               `<text class="refline-label" x="${L + pw - 6}" y="${(Y(s.y) - 5).toFixed(2)}" text-anchor="end">${esc(s.label)}</text></g>`);
    } else if (s.kind === "point") {
      out.push(`<g class="series series-${n} point"><circle class="marker" cx="${fx(s.x)}" cy="${fy(s.y)}" r="4.5" fill="${s.color}" stroke="#fff" stroke-width="1.5"><title>${esc(s.label)}</title></circle></g>`);
    }
  });
  out.push(`</g><rect class="frame" x="${L}" y="${T}" width="${pw}" height="${ph}" fill="none" stroke="#333"/>`);
  const entries = spec.series.filter((s) => s.kind === "line" && s.label);
  if (entries.length) {
    const w = 38 + 9.5 * Math.max(...entries.map((s) => s.label.length)) + 8, h = 8 + 21 * entries.length;
    const x0 = spec.legend === "bottomRight" || spec.legend === "topRight" ? L + pw - w - 10 : L + 10;
    const y0 = spec.legend.startsWith("bottom") ? T + ph - h - 10 : T + 10;
    out.push(`<g class="legend"><rect class="legend-box" x="${x0}" y="${y0}" width="${w}" height="${h}" fill="#fff" fill-opacity="0.9" stroke="#bbb" rx="3"/>`);
    entries.forEach((s, i) => {
      const y = y0 + 15 + 21 * i;
      out.push(`<g class="legend-entry"><line x1="${x0 + 8}" y1="${y}" x2="${x0 + 32}" y2="${y}" stroke="${s.color}" stroke-width="${s.width}"${s.dash ? ` stroke-dasharray="${s.dash}"` : ""}/>` +
               `<text x="${x0 + 38}" y="${y + 4.5}">${esc(s.label)}</text></g>`);
    });
    out.push(`</g>`);
  }
  svg.innerHTML = out.join("");
}

function eosCurve(n, p) {
  const x = [], y = [];
  for (let i = 0; i < n.length; i++) if (p[i] >= LOWEST_PRESSURE * (1 - 1e-9)) { x.push(n[i]); y.push(p[i]); }
  return {x, y};
}

function drawEOS(r) {
  const decoded = r.eos ? eosCurve(r.eos.n_b, r.eos.pressure) : {x: [], y: []};
  const series = [{kind: "line", x: decoded.x, y: decoded.y, label: "decoded", color: DECODED_COLOR, width: 2.5}];
  if (SLY4) series.push({kind: "line", x: SLY4.n_b, y: SLY4.pressure, label: "SLy4", color: REFERENCE_COLOR, width: 1.6, dash: "7 4"});
  drawPlot($("eos-plot"), {title: "Equation of state", legend: "bottomRight", series,
    x: {label: "n_B [fm⁻³]", log: true, range: padLog(extent(series.map((s) => s.x), true), 0.03)},
    y: {label: "P [MeV fm⁻³]", log: true, range: padLog(extent(series.map((s) => s.y), true), 0.03)}});
}

function drawMR(r) {
  const curves = [{x: r.mass_radius.radius, y: r.mass_radius.mass}];
  if (SLY4) curves.push({x: SLY4.radius, y: SLY4.mass});
  const radii = [];
  for (const c of curves) c.x.forEach((v, i) => { if (c.y[i] >= 0.5 && Number.isFinite(v)) radii.push(v); });
  const xr = radii.length ? [Math.floor(Math.min(...radii) - 0.5), Math.ceil(Math.max(...radii) + 0.5)] : [8, 16];
  const top = Math.ceil((Math.max(PULSAR_MASS, r.m_max, SLY4 ? SLY4.m_max : 0) + 0.15) * 4) / 4;
  const series = [{kind: "line", x: curves[0].x, y: curves[0].y, label: "decoded", color: DECODED_COLOR, width: 2.5}];
  if (SLY4) series.push({kind: "line", x: SLY4.radius, y: SLY4.mass, label: "SLy4", color: REFERENCE_COLOR, width: 1.6, dash: "7 4"});
  series.push({kind: "refline", y: 1.4, label: "1.4 M☉", color: "#4d4d4d", dash: "2 3"});
  series.push({kind: "refline", y: PULSAR_MASS, label: "PSR J0740+6620 (2.08 M☉)", color: "#7f7f7f", dash: "8 3 2 3"});
  series.push({kind: "point", x: r.r_14, y: 1.4, label: `R_1.4 = ${r.r_14.toFixed(2)} km`, color: DECODED_COLOR});
  drawPlot($("mr-plot"), {title: "Mass–radius relation", legend: "bottomLeft", series,
    x: {label: "R [km]", log: false, range: xr}, y: {label: "M [M☉]", log: false, range: [0, top]}});
}

// ---------- start ----------
async function start() {
  try {
    const response = await fetch("v1/models");
    if (!response.ok) throw new Error("HTTP " + response.status);
    const model = (await response.json()).models[0];
    const region = model.training_region;
    limits = model.limits;
    if (region.support) {
      support = region.support;
      labelBox = region;
      $("region-figure").hidden = false;
    }
    $("model-line").textContent = `Model “${model.name}”: ${model.architecture.latent_dimension} unsupervised latent${model.architecture.latent_dimension === 1 ? "" : "s"}, trained to epoch ${model.training.best_epoch}. Decode a latent point into an EOS and its stars.`;
    addControl("m_max", "M<sub>max</sub>", "M☉", region.m_max.min, region.m_max.max, (region.m_max.min + region.m_max.max) / 2);
    addControl("r_14", "R<sub>1.4</sub>", "km", region.r_14.min, region.r_14.max, (region.r_14.min + region.r_14.max) / 2);
    region.z.forEach((z, k) => addControl(`z[${k}]`, `z<sub>${k}</sub> <span class="hint">(mean ${z.mean.toFixed(2)}, σ ${z.std.toFixed(2)})</span>`, "", z.min, z.max, z.mean));
    const fromHash = new URLSearchParams(location.hash.slice(1));
    const zHash = (fromHash.get("z") || "").split(",").map(Number);
    for (const c of controls) {
      let v = c.key === "m_max" || c.key === "r_14" ? Number(fromHash.get(c.key)) : zHash[controls.indexOf(c) - 2];
      if (!(fromHash.has(c.key === "m_max" || c.key === "r_14" ? c.key : "z") && Number.isFinite(v) && v >= c.min && v <= c.max)) v = c.centre;
      c.set(v);
    }
    $("reset").addEventListener("click", () => { for (const c of controls) c.set(c.centre); changed(); });
    setStatus("Decoding…", false);
    changed();
  } catch (error) {
    body.dataset.state = "error";
    setStatus(`Could not read the model from /v1/models: ${error.message || error}`, true);
  }
}
start();
</script>
</body>
</html>
"""#
}
