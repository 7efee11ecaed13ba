"""Results kept on the Dask workers (corral's data plane).

A task whose request starts with a `$corralData` envelope runs as
`run_with_held(program, request, {ref id: upstream future}, timeout)`: Dask
hands it the upstream results on the worker (moving them worker to worker),
and it puts their values in place of the references in the arguments. With
`keep`, a small `summarize` task reports the result's size and digest
instead of the value, and the engine holds the full future under the ref id
until corral releases it or fetches the value.

The functions travel to workers by value (closures): workers have no corral.
"""
import json

ENVELOPE = "$corralData"
MARK = "corral-data-ref/1"


def read_envelope(request_text):
    """(envelope, request text without it) or (None, request_text)."""
    if ('"' + ENVELOPE + '"') not in request_text:
        return None, request_text
    request = json.loads(request_text)
    args = request.get("args") or []
    if not args or not isinstance(args[0], dict) or ENVELOPE not in args[0]:
        return None, request_text
    envelope = args.pop(0)[ENVELOPE]
    return envelope, json.dumps(request, separators=(",", ":"))


def held_functions():
    """(run_with_held, summarize), made here so that both pickle by value."""

    def run_with_held(program, request_text, upstream, timeout_s=None):
        import json as _json
        if upstream:
            values = {}
            for ref, report in upstream.items():
                values[ref] = _json.loads(report["response"])["value"]

            def put(v):
                if isinstance(v, dict):
                    if v.get("$data") == "corral-data-ref/1" and v.get("id") in values:
                        return values[v["id"]]
                    return {k: put(x) for k, x in v.items()}
                if isinstance(v, list):
                    return [put(x) for x in v]
                return v

            request = _json.loads(request_text)
            request["args"] = put(request.get("args") or [])
            request_text = _json.dumps(request, separators=(",", ":"))
        return program(request_text, timeout_s)

    def summarize(report, min_bytes, ref):
        import hashlib
        import json as _json
        if report.get("kind") != "response":
            return dict(report, held=False)
        response = _json.loads(report["response"])
        if not response.get("ok"):
            return dict(report, held=False)
        text = _json.dumps(response["value"], separators=(",", ":")).encode("utf-8")
        if len(text) < min_bytes:
            return dict(report, held=False)
        response["value"] = {"$corralHeld": 1, "id": ref, "bytes": len(text),
                             "digest": "sha256:" + hashlib.sha256(text).hexdigest()}
        return dict(report, response=_json.dumps(response), held=True)

    return run_with_held, summarize


RUN_WITH_HELD, SUMMARIZE = held_functions()
