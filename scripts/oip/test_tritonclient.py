"""Conformance of the /v2 routes with the standard Open Inference Protocol client, tritonclient.http, used with its
defaults (no Content-Type, binary tensor data for inputs and outputs), against a live eos-server on models/default.
The numbers must equal /v1's for the same points bit for bit when decoded in the same batch (the same decode path):
an N-row inference against /v1/decode/batch with those N points, a one-row inference against /v1/decode. (Across batch
sizes they differ in the last digits: the decoder's float32 matrix products round differently per batch size.)

Run: python3 -m pytest -q scripts/oip/test_tritonclient.py   (EOS_SERVER: the eos-server binary to test)
"""

import json
import sys
import urllib.error
import urllib.request
from pathlib import Path

import numpy as np
import pytest
import tritonclient.http as httpclient
from tritonclient.utils import InferenceServerException

sys.path.insert(0, str(Path(__file__).resolve().parent))
from live_server import live_server  # noqa: E402

MODEL = "default"
SCALARS = ["m_max", "r_14", "lambda_14"]
CURVES = ["mass", "radius", "lambda"]


@pytest.fixture(scope="module")
def url():
    with live_server() as base:
        yield base


@pytest.fixture(scope="module")
def client(url):
    return httpclient.InferenceServerClient(url=url.removeprefix("http://"))


def get_json(url):
    with urllib.request.urlopen(url, timeout=30) as answer:
        return json.load(answer)


def post_json(url, body):
    request = urllib.request.Request(url, data=json.dumps(body).encode(), headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=120) as answer:
        return json.load(answer)


def point(row):
    return {"m_max": float(row[0]), "r_14": float(row[1]), "z": [float(v) for v in row[2:]]}


def v1_results(url, points, curve_points):
    """/v1's results for the latent rows (M_max, R_1.4, z...): /v1/decode for one row, /v1/decode/batch for several;
    None for a point it refuses."""
    options = {"mr_points": curve_points, "include": "scalars"}
    if len(points) == 1:
        try:
            return [post_json(url + "/v1/decode", point(points[0]) | options)]
        except urllib.error.HTTPError as error:
            assert error.code == 422, error.read()
            return [None]
    answer = post_json(url + "/v1/decode/batch", {"points": [point(row) for row in points]} | options)
    return [entry.get("result") for entry in answer["results"]]


@pytest.fixture(scope="module")
def width(client):
    return client.get_model_metadata(MODEL)["inputs"][0]["shape"][1]


@pytest.fixture(scope="module")
def curve_points(client):
    outputs = {o["name"]: o for o in client.get_model_metadata(MODEL)["outputs"]}
    return outputs["mass"]["shape"][1]


@pytest.fixture(scope="module")
def rows(url, width, curve_points):
    """Six points of the model's training region (M_max, R_1.4 on a grid inside it, z at 0 and ±0.5 σ), FP64."""
    region = get_json(f"{url}/v1/models/{MODEL}")["training_region"]
    m, r = region["m_max"], region["r_14"]
    z_std = np.array([d["std"] for d in region["z"]])
    z_mean = np.array([d["mean"] for d in region["z"]])
    chosen = []
    for fm, fr, fz in [(0.5, 0.5, 0.0), (0.4, 0.6, 0.5), (0.6, 0.4, -0.5), (0.3, 0.5, 0.0), (0.7, 0.5, 0.5), (0.5, 0.3, 0.0)]:
        z = z_mean + fz * z_std
        chosen.append([m["min"] + fm * (m["max"] - m["min"]), r["min"] + fr * (r["max"] - r["min"]), *z])
    points = np.array(chosen, dtype=np.float64)
    assert points.shape[1] == width
    return points


def reference(url, points, curve_points):
    """The /v1 outputs for `points` (one batch) as the /v2 tensors (failed rows: ok false, zeros)."""
    n = len(points)
    out = {name: np.zeros(n) for name in SCALARS} | {name: np.zeros((n, curve_points)) for name in CURVES}
    out["ok"] = np.zeros(n, dtype=bool)
    for i, result in enumerate(v1_results(url, points, curve_points)):
        if result is None:
            continue
        out["ok"][i] = True
        for name in SCALARS:
            out[name][i] = result[name]
        for name in CURVES:
            out[name][i] = result["mass_radius"][name]
    return out


def assert_identical(result, expected):
    for name, values in expected.items():
        got = result.as_numpy(name)
        assert got is not None, name
        assert got.shape == values.shape, name
        assert got.dtype == values.dtype, name
        assert np.array_equal(got, values), f"{name} differs from /v1/decode"


def test_health_and_readiness(client):
    assert client.is_server_live()
    assert client.is_server_ready()
    assert client.is_model_ready(MODEL)
    assert not client.is_model_ready("no-such-model")


def test_metadata(client, width, curve_points):
    server = client.get_server_metadata()
    assert server["name"] == "eos-server"
    assert "binary_tensor_data" in server["extensions"]
    model = client.get_model_metadata(MODEL)
    assert model["name"] == MODEL
    [latent] = model["inputs"]
    assert latent["name"] == "latent" and latent["datatype"] == "FP64" and latent["shape"] == [-1, width]
    assert "FP32" in latent["parameters"]["accepted_datatypes"].split(",")
    assert [o["name"] for o in model["outputs"]] == SCALARS + CURVES + ["ok"]
    assert curve_points > 1


def test_defaults_binary_inputs_and_outputs(client, url, rows, curve_points):
    """tritonclient's defaults: binary input data, no outputs named (so binary_data_output for all)."""
    latent = httpclient.InferInput("latent", list(rows.shape), "FP64")
    latent.set_data_from_numpy(rows)
    result = client.infer(MODEL, [latent])
    expected = reference(url, rows, curve_points)
    assert expected["ok"].sum() >= 4, "too few of the chosen points decode"
    assert_identical(result, expected)
    response = result.get_response()
    assert all("binary_data_size" in o.get("parameters", {}) and "data" not in o for o in response["outputs"])


def test_json_inputs_and_outputs(client, url, rows, curve_points):
    latent = httpclient.InferInput("latent", list(rows.shape), "FP64")
    latent.set_data_from_numpy(rows, binary_data=False)
    outputs = [httpclient.InferRequestedOutput(name, binary_data=False) for name in SCALARS + CURVES + ["ok"]]
    result = client.infer(MODEL, [latent], outputs=outputs, request_id="json-1")
    response = result.get_response()
    assert response["id"] == "json-1"
    assert all("data" in o for o in response["outputs"])
    assert_identical(result, reference(url, rows, curve_points))


def test_single_rows_match_v1_decode(client, url, rows, curve_points):
    for row in rows[:3]:
        one = row.reshape(1, -1)
        latent = httpclient.InferInput("latent", list(one.shape), "FP64")
        latent.set_data_from_numpy(one)
        assert_identical(client.infer(MODEL, [latent]), reference(url, one, curve_points))


def test_mixed_outputs_subset(client, url, rows, curve_points):
    latent = httpclient.InferInput("latent", list(rows.shape), "FP64")
    latent.set_data_from_numpy(rows, binary_data=False)
    outputs = [httpclient.InferRequestedOutput("radius", binary_data=True), httpclient.InferRequestedOutput("ok", binary_data=False)]
    result = client.infer(MODEL, [latent], outputs=outputs)
    assert [o["name"] for o in result.get_response()["outputs"]] == ["radius", "ok"]
    expected = reference(url, rows, curve_points)
    assert_identical(result, {"radius": expected["radius"], "ok": expected["ok"]})


@pytest.mark.parametrize("binary", [True, False])
def test_fp32_inputs(client, url, rows, curve_points, binary):
    single = rows.astype(np.float32)
    latent = httpclient.InferInput("latent", list(single.shape), "FP32")
    latent.set_data_from_numpy(single, binary_data=binary)
    result = client.infer(MODEL, [latent])
    assert_identical(result, reference(url, single.astype(np.float64), curve_points))


def test_bad_shape_raises_with_our_message(client, rows, width):
    narrow = np.ascontiguousarray(rows[:1, : width - 1])
    latent = httpclient.InferInput("latent", list(narrow.shape), "FP64")
    latent.set_data_from_numpy(narrow)
    with pytest.raises(InferenceServerException) as raised:
        client.infer(MODEL, [latent])
    assert raised.value.message() == f"inputs[0].shape must be [N, {width}]"


def test_unknown_model_raises_with_our_message(client):
    with pytest.raises(InferenceServerException) as raised:
        client.get_model_metadata("no-such-model")
    assert raised.value.message() == f"no model named 'no-such-model'; this server serves '{MODEL}'"
