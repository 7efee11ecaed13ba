#!/usr/bin/env python3
"""corral's Python bridge: runs corral tasks on distributed engines (Globus
Compute, Dask, a local process pool) on behalf of the TypeScript side.

Protocol (version 1): JSON lines. The bridge first writes a `hello` line; then
each request `{"id": N, "op": ...}` on stdin gets one `reply` line with the same
id; task outcomes arrive as `result` lines and liveness as `heartbeat` lines.
Logs go to stderr. docs/endpoints.md describes every message. The core uses the
standard library only; an engine imports its package when first opened.
"""
import importlib
import importlib.util
import json
import logging
import os
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor

PROTOCOL_VERSION = 1
HERE = os.path.dirname(os.path.abspath(__file__))
if HERE not in sys.path:
    sys.path.insert(0, HERE)

from corral_bridge_engines.engine_errors import EngineError  # noqa: E402

# engine name -> (module, the package it needs, how to install that package)
ENGINES = {
    "process": ("corral_bridge_engines.process_engine", None, None),
    "dask": (
        "corral_bridge_engines.dask_engine", "distributed",
        "install dask.distributed for this interpreter: `apt-get install python3-distributed` "
        "(Debian, then use CORRAL_PYTHON=/usr/bin/python3) or `python3 -m pip install distributed`",
    ),
    "globus-compute": (
        "corral_bridge_engines.globus_compute_engine", "globus_compute_sdk",
        "install the Globus Compute SDK for this interpreter: `python3 -m pip install globus-compute-sdk`",
    ),
}

SECRET_VARS = ("GLOBUS_COMPUTE_CLIENT_SECRET",)
log = logging.getLogger("corral.bridge")


def redact(text):
    """Removes secret values from any text that leaves the bridge."""
    for var in SECRET_VARS:
        secret = os.environ.get(var)
        if secret and len(secret) >= 4:
            text = text.replace(secret, "[redacted]")
    return text


class RedactingFormatter(logging.Formatter):
    def format(self, record):
        return redact(super().format(record))


def package_version(package):
    if importlib.util.find_spec(package) is None:
        return {"available": False}
    try:
        from importlib.metadata import version
        return {"available": True, "version": version(package.replace("_", "-"))}
    except Exception:  # a package without metadata (a checkout) still works
        return {"available": True, "version": None}


class Bridge:
    def __init__(self, out):
        self.out = out
        self.lock = threading.Lock()
        self.endpoints = {}
        self.pool = ThreadPoolExecutor(max_workers=4, thread_name_prefix="corral-op")
        self.stopping = threading.Event()

    def write(self, message):
        line = redact(json.dumps(message, separators=(",", ":")))
        with self.lock:
            self.out.write(line + "\n")
            self.out.flush()

    def hello(self):
        engines = {}
        for name, (_, package, hint) in ENGINES.items():
            engines[name] = package_version(package) if package else {"available": True, "version": sys.version.split()[0]}
            if not engines[name]["available"]:
                engines[name]["install"] = hint
        self.write({
            "type": "hello", "protocol": PROTOCOL_VERSION, "pid": os.getpid(),
            "python": sys.version.split()[0], "executable": sys.executable, "engines": engines,
        })

    def heartbeat(self, interval):
        while not self.stopping.wait(interval):
            inflight = sum(e.inflight() for e in list(self.endpoints.values()))
            self.write({"type": "heartbeat", "at": time.time() * 1000, "inflight": inflight})

    def emit_result(self, endpoint, outcome):
        self.write(dict(outcome, type="result", endpoint=endpoint))

    def handle(self, request):
        rid = request.get("id")
        try:
            data = self.dispatch(request)
            self.write({"type": "reply", "id": rid, "ok": True, "data": data})
        except EngineError as e:
            log.warning("request %s (%s) on endpoint %s failed: %s %s", rid, request.get("op"), request.get("endpoint"), e.code, e)
            self.write({"type": "reply", "id": rid, "ok": False, "error": e.to_json()})
        except Exception as e:  # an engine bug must not take the bridge down
            log.exception("request %s (%s) failed", rid, request.get("op"))
            self.write({"type": "reply", "id": rid, "ok": False,
                        "error": {"code": "BRIDGE_INTERNAL", "name": type(e).__name__, "message": str(e)}})

    def engine_of(self, request):
        name = request.get("endpoint")
        engine = self.endpoints.get(name)
        if engine is None:
            raise EngineError("ENDPOINT_NOT_OPEN", "endpoint %r is not open in this bridge (send `open` first)" % name)
        return engine

    def dispatch(self, request):
        op = request.get("op")
        if op == "ping":
            return {"at": time.time() * 1000}
        if op == "open":
            return self.open(request)
        if op == "define":
            return self.engine_of(request).define(request["key"], request["program"], request.get("known") or {})
        if op == "submit":
            calls = self.engine_of(request).submit(request["tasks"])
            return {"accepted": len(request["tasks"]), "engineCalls": calls}
        if op == "status":
            return self.engine_of(request).status()
        if op == "metadata":
            return self.engine_of(request).metadata()
        if op == "cancel":
            self.engine_of(request).cancel(request["tasks"])
            return {}
        if op in ("fetch", "release"):
            engine = self.engine_of(request)
            if not hasattr(engine, op):
                raise EngineError("NOT_SUPPORTED", "endpoint %r (engine %s) does not keep results: no %r" % (request.get("endpoint"), engine.kind, op))
            return engine.fetch(request["ref"]) if op == "fetch" else engine.release(request.get("refs") or [])
        if op == "close":
            engine = self.endpoints.pop(request.get("endpoint"), None)
            if engine is not None:
                engine.close()
            return {}
        raise EngineError("UNKNOWN_OP", "unknown op %r (this bridge speaks protocol %d)" % (op, PROTOCOL_VERSION))

    def open(self, request):
        name, engine_name = request["endpoint"], request["engine"]
        if name in self.endpoints:
            raise EngineError("ENDPOINT_EXISTS", "endpoint %r is already open in this bridge" % name)
        if engine_name not in ENGINES:
            raise EngineError("UNKNOWN_ENGINE", "unknown engine %r for endpoint %r; engines: %s" % (engine_name, name, ", ".join(ENGINES)))
        module_name, package, hint = ENGINES[engine_name]
        if package and importlib.util.find_spec(package) is None:
            raise EngineError("ENGINE_PACKAGE_MISSING", "engine %r of endpoint %r needs the Python package %r, which %s cannot import"
                              % (engine_name, name, package, sys.executable), hint=hint)
        module = importlib.import_module(module_name)
        engine = module.create(name, request.get("config") or {}, lambda outcome: self.emit_result(name, outcome))
        info = engine.open()
        self.endpoints[name] = engine
        return info

    def shutdown(self):
        self.stopping.set()
        for name, engine in list(self.endpoints.items()):
            try:
                engine.close()
            except Exception:
                log.exception("closing endpoint %s failed", name)
        self.endpoints.clear()
        self.pool.shutdown(wait=False, cancel_futures=True)


def main():
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(RedactingFormatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    logging.basicConfig(level=os.environ.get("CORRAL_BRIDGE_LOG_LEVEL", "INFO"), handlers=[handler])
    # stdout carries protocol lines only: anything else printing there would corrupt them.
    out = sys.stdout
    sys.stdout = sys.stderr
    bridge = Bridge(out)
    bridge.hello()
    interval = float(os.environ.get("CORRAL_BRIDGE_HEARTBEAT_S", "2"))
    threading.Thread(target=bridge.heartbeat, args=(interval,), daemon=True, name="corral-heartbeat").start()
    for line in sys.stdin:
        line = line.strip()
        if not line:
            continue
        try:
            request = json.loads(line)
        except ValueError as e:
            bridge.write({"type": "reply", "id": None, "ok": False, "error": {"code": "BAD_JSON", "message": "request line is not JSON: %s" % e}})
            continue
        if request.get("op") == "shutdown":
            bridge.shutdown()
            bridge.write({"type": "reply", "id": request.get("id"), "ok": True, "data": {}})
            break
        bridge.pool.submit(bridge.handle, request)
    else:
        log.info("stdin closed: shutting down")
        bridge.shutdown()
    out.flush()
    # Engine threads (Dask's event loop) must not keep a finished bridge alive.
    os._exit(0)


if __name__ == "__main__":
    main()
