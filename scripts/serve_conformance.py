#!/usr/bin/env python3
"""Checks `sweep serve` with NVIDIA's Triton HTTP client (tritonclient[http], a client no one here wrote).

Usage: serve_conformance.py URL MODEL FEATURES_CSV PREDICT_CSV

Against the server at URL (e.g. 127.0.0.1:8080): server live and ready, model ready, model metadata
(input `input` FP32 [-1, d]; outputs `probabilities` FP32 [-1, k] and `label` BYTES [-1]), then one
batch infer of every row of FEATURES_CSV, whose probabilities must equal `sweep predict`'s
(PREDICT_CSV) bit for bit as float32, and whose labels must equal its predictions. Exits 1 on the
first mismatch with what differed.
"""
import csv
import sys

import numpy as np
import tritonclient.http as httpclient
from tritonclient.utils import InferenceServerException


def fail(message):
    print(f"serve conformance: FAIL: {message}", file=sys.stderr)
    sys.exit(1)


def main():
    url, model, features_csv, predict_csv = sys.argv[1:5]
    client = httpclient.InferenceServerClient(url=url)
    if not client.is_server_live():
        fail("server not live")
    if not client.is_server_ready():
        fail("server not ready")
    if not client.is_model_ready(model):
        fail(f"model {model} not ready")
    meta = client.get_model_metadata(model)
    inputs = meta["inputs"]
    if [i["name"] for i in inputs] != ["input"] or inputs[0]["datatype"] != "FP32":
        fail(f"unexpected inputs {inputs}")
    outputs = {o["name"]: o for o in meta["outputs"]}
    if set(outputs) != {"probabilities", "label"}:
        fail(f"unexpected outputs {meta['outputs']}")
    server_meta = client.get_server_metadata()
    if server_meta.get("name") != "sweep":
        fail(f"unexpected server metadata {server_meta}")

    with open(features_csv, newline="") as f:
        rows = list(csv.reader(f))
    header, body = rows[0], rows[1:]
    d = inputs[0]["shape"][1]
    feature_cols = [i for i, name in enumerate(header) if name != "target"][:d]
    # Parse like `sweep predict`: text -> double -> float32.
    x = np.array([[float(r[i]) for i in feature_cols] for r in body], dtype=np.float64).astype(np.float32)

    with open(predict_csv, newline="") as f:
        pred = list(csv.reader(f))
    labels_expected = [r[1] for r in pred[1:]]
    probs_expected = np.array([[float(v) for v in r[2:]] for r in pred[1:]], dtype=np.float64).astype(np.float32)

    tensor = httpclient.InferInput("input", list(x.shape), "FP32")
    tensor.set_data_from_numpy(x, binary_data=False)
    requested = [httpclient.InferRequestedOutput("probabilities", binary_data=False),
                 httpclient.InferRequestedOutput("label", binary_data=False)]
    result = client.infer(model, inputs=[tensor], outputs=requested, request_id="conformance-1")
    probs = result.as_numpy("probabilities")
    labels = result.as_numpy("label")
    if probs is None or labels is None:
        fail(f"missing outputs in {result.get_response()}")
    probs = probs.astype(np.float32)
    if probs.shape != probs_expected.shape:
        fail(f"probabilities shape {probs.shape}, sweep predict gave {probs_expected.shape}")
    if not np.array_equal(probs.view(np.uint32), probs_expected.view(np.uint32)):
        bad = np.argwhere(probs.view(np.uint32) != probs_expected.view(np.uint32))[0]
        fail(f"probability at {tuple(bad)} is {probs[tuple(bad)]!r}, sweep predict gave {probs_expected[tuple(bad)]!r}")
    labels = [l.decode() if isinstance(l, bytes) else str(l) for l in labels.reshape(-1)]
    if labels != labels_expected:
        fail(f"labels differ: {labels[:5]} vs {labels_expected[:5]}")
    if result.get_response().get("id") != "conformance-1":
        fail("the response does not echo the request id")

    # The protocol's error for an unknown model, through the client.
    try:
        client.infer("no-such-model", inputs=[tensor])
        fail("infer on an unknown model succeeded")
    except InferenceServerException as e:
        if "unknown model" not in str(e):
            fail(f"unexpected error for an unknown model: {e}")
    print(f"serve conformance: tritonclient OK ({len(body)} rows in one batch, probabilities bit-identical to sweep predict)")


if __name__ == "__main__":
    main()
