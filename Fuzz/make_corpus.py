#!/usr/bin/env python3
"""Writes the seed corpus under Fuzz/Corpus/<target>/ from the repository's test fixtures and test requests.

Run from anywhere: python3 Fuzz/make_corpus.py [--table-json FILE]
--table-json: a /v1/decode answer with "eos" (e.g. from the tiny fixture model) whose table seeds fuzz-encode.
The files are committed; rerun only when the input layouts of the fuzz targets change.
"""
import argparse
import json
import pathlib
import struct

import numpy as np

ROOT = pathlib.Path(__file__).resolve().parent.parent
CORPUS = ROOT / "Fuzz" / "Corpus"


def write(target, name, data):
    directory = CORPUS / target
    directory.mkdir(parents=True, exist_ok=True)
    (directory / name).write_bytes(data)


def http_parser():
    requests = {
        "get": b"GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n",
        "pipelined": b"POST /a?b=c HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\nhello"
                     b"POST /c HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n3;e\r\nabc\r\n0\r\nT: 1\r\n\r\n"
                     b"GET / HTTP/1.0\r\n\r\n",
        "chunked": b"POST /v1/decode HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                   b"Transfer-Encoding: chunked\r\n\r\n7\r\n{\"m_max\r\n10\r\n\": 2.1, \"r_14\": \r\n5\r\n12.3}\r\n0\r\n\r\n",
        "expect": b"POST /v1/encode HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\nContent-Length: 2\r\n\r\n{}",
        "keepalive10": b"GET /v1/models HTTP/1.0\r\nConnection: keep-alive\r\n\r\nGET /readyz HTTP/1.1\r\nHost: y\r\n"
                       b"Connection: close\r\n\r\n",
    }
    for name, stream in requests.items():
        for split in (0, 7, 200):
            write("fuzz-http-parser", f"{name}-{split}", bytes([split]) + stream)


def routes():
    bodies = [
        (0, b'{"m_max": 2.1, "r_14": 12.3}'),
        (0, b'{"m_max": 2.1, "r_14": 12.3, "z": [0.5], "eos_points": 30, "mr_points": 12, "include": "full"}'),
        (0, b'{"m_max": 2.0, "r_14": 11.8, "conditioning": "exact", "conditioning_tolerance": 0.001, "mr_points": 2}'),
        (0, b'{"m_max": 2.1, "r_14": 12.3, "observables": ["lambda_14"], "include": "scalars"}'),
        (1, b'{"points": [{"m_max": 2.1, "r_14": 12}, {"m_max": 2.1, "r_14": -1}], "include": "scalars"}'),
        (1, b'{"points": [{"m_max": 2.05, "r_14": 11.75, "z": [0]}, {"m_max": 2.4, "r_14": 11.2}], '
            b'"conditioning": "exact", "include": "full", "mr_points": 5, "eos_points": 10}'),
        (2, b'{"vector": [' + b", ".join(b"%.6g" % (0.01 * i) for i in range(107)) + b"]}"),
        (3, b'{"inputs": [{"name": "latent", "datatype": "FP64", "shape": [1, 3], "data": [2.1, 12.3, 0]}]}'),
        (3, b'{"inputs": [{"name": "latent", "datatype": "FP32", "shape": [2, 3], "data": [2.1, 12.3, 0, 2, 11.5, 1]}],'
            b' "outputs": [{"name": "m_max"}, {"name": "eos_vector"}]}'),
    ]
    for index, (route, body) in enumerate(bodies):
        write("fuzz-routes", f"json-{index}", bytes([route, 0]) + body)
    header = json.dumps({"inputs": [{"name": "latent", "datatype": "FP64", "shape": [1, 3],
                                     "parameters": {"binary_data_size": 24}}]}).encode()
    header += b" " * (-len(header) % 4)
    write("fuzz-routes", "binary-0", bytes([3 | 4, len(header) // 4]) + header + struct.pack("<3d", 2.1, 12.3, 0))


def doubles(values):
    return struct.pack(f"<{len(values)}d", *values)


def encode(table_json):
    x = np.load(ROOT / "Tests" / "Fixtures" / "skyrme-300" / "x.npy")
    for row in (0, 150):
        write("fuzz-encode", f"vector-{row}", bytes([0]) + doubles(list(x[row])))
    if table_json:
        eos = json.loads(pathlib.Path(table_json).read_text())["eos"]
        columns = [eos["n_b"], eos["energy_density"], eos["pressure"], eos["cs2"]]
        rows3 = [v for r in zip(*columns[:3]) for v in r]
        rows4 = [v for r in zip(*columns) for v in r]
        write("fuzz-encode", "table-3", bytes([1]) + doubles(rows3))
        write("fuzz-encode", "table-4", bytes([3]) + doubles(rows4))


def model_loader():
    tiny = ROOT / "Tests" / "InferenceServiceTests" / "Fixtures" / "tiny"
    document = (tiny / "model.json").read_bytes()
    weights = (tiny / "model.safetensors").read_bytes()
    write("fuzz-model-loader", "tiny", struct.pack("<I", len(document)) + document + weights)


def npy():
    fixtures = ROOT / "Tests" / "Fixtures" / "skyrme-300"
    for name in ("lambda14.npy", "y.npy"):
        write("fuzz-npy", name, (fixtures / name).read_bytes())


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--table-json")
    arguments = parser.parse_args()
    http_parser()
    routes()
    encode(arguments.table_json)
    model_loader()
    npy()
