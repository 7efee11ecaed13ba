"""Engine `dask`: a dask.distributed Client connected to a scheduler address;
each task is one Dask task that runs the task's program under `node`."""
import hashlib
import logging
import threading
from concurrent.futures import ThreadPoolExecutor, TimeoutError as FutureTimeout

from distributed import Client

from .base_engine import BaseEngine
from .dask_held import ENVELOPE, RUN_WITH_HELD, SUMMARIZE, read_envelope
from .dask_programs import install_program
from .dask_results import ResultPump
from .dask_liveness import OFFLINE_CODES, SCHEDULER_LOST, DaskLiveness
from .engine_errors import EngineError
from .task_runner import make_entry_function

log = logging.getLogger("corral.bridge.dask")


class DaskEngine(BaseEngine):
    kind = "dask"
    closing = False
    liveness = None

    def open(self):
        address = self.config.get("address")
        if not address:
            raise EngineError("CONFIG", "endpoint %r: dask needs `address` (e.g. tcp://127.0.0.1:8786)" % self.name)
        timeout = float(self.config.get("connectTimeoutS") or 10)
        try:
            self.client = Client(address, timeout=timeout, set_as_default=False)
        except Exception as e:
            raise EngineError("CONNECT_FAILED", "endpoint %r: cannot reach the Dask scheduler at %s within %ss: %s"
                              % (self.name, address, timeout, e))
        self.probe = ThreadPoolExecutor(1, thread_name_prefix="corral-dask-status")
        self.results = ResultPump(self.client, self.name)
        self.cancel_requested = set()
        # Results kept on the workers: ref id -> the Dask future holding the run report.
        self.held = {}
        self.watch_liveness(address, timeout)
        info = self.client.scheduler_info()
        return {"engine": self.kind, "address": address, "workers": len(info.get("workers", {})),
                "threads": sum(w.get("nthreads", 0) for w in info.get("workers", {}).values())}

    def define_program(self, key, program, known):
        entry = make_entry_function(program)
        # Kept so that a scheduler that comes back (empty) gets every program again.
        self.__dict__.setdefault("entries", {})[key] = entry
        return self.install(key, entry)

    def install(self, key, entry):
        fn, installed = install_program(self.client, hashlib.sha256(key.encode("utf-8")).hexdigest()[:32], entry)
        self.__dict__.setdefault("installed", {})[key] = installed
        return fn

    def client_gone(self):
        """True when Dask closed the client after its own reconnect window."""
        return getattr(self.client, "status", "running") in ("closed", "closing") and not self.closing

    def reconnect(self):
        """A new client to the same address, for a scheduler that came back
        after the old client gave up; raises while nothing answers there."""
        address = self.config.get("address")
        client = Client(address, timeout=float(self.config.get("connectTimeoutS") or 10), set_as_default=False)
        if self.closing:
            client.close(timeout=5)
            return
        old, self.client = self.results, client
        self.results = ResultPump(client, self.name)
        old.stop()
        log.warning("endpoint %s: reconnected to the Dask scheduler at %s", self.name, address)

    def scheduler_changed(self):
        """A new scheduler knows none of the programs: install them again."""
        for key, entry in list(self.__dict__.get("entries", {}).items()):
            self.programs[key] = self.install(key, entry)

    def describe_program(self, key):
        return {"installedOnWorkers": self.__dict__.get("installed", {}).get(key, False)}

    def watch_liveness(self, address, connect_timeout):
        no_workers = float(self.config.get("noWorkersTimeoutS") or 20)
        # The client itself retries the connection for connect_timeout before giving up.
        self.liveness = DaskLiveness(self, address, no_workers, max(connect_timeout, 5) + 5)
        # Known from the start, so that a scheduler replaced before the first probe is still noticed.
        self.liveness.scheduler_id = self.client.scheduler_info().get("id")
        self.liveness.start()

    def classify(self, error):
        if isinstance(error, EngineError) and error.code in OFFLINE_CODES:
            return error.code, "offline", "DaskSchedulerLost", str(error)
        return super().classify(error)

    def submit_one(self, task, fn):
        task_id = task["task"]
        refusal = self.liveness.refusal()
        if refusal:
            raise EngineError(*refusal)
        envelope, request_text = read_envelope(task["request"])
        if envelope is not None:
            return self.submit_with_data(task, fn, envelope, request_text)
        future = self.client.submit(fn, task["request"], task.get("timeoutS"), key="corral-" + task_id,
                                    pure=False, retries=int(self.config.get("retries") or 0))
        self.watch(task_id, future)
        return future

    def submit_group(self, tasks, fn):
        """A batch of one program in one client.map: one message to the scheduler."""
        if len(tasks) == 1 or self.liveness.refusal() or any(('"' + ENVELOPE + '"') in t["request"] for t in tasks):
            return super().submit_group(tasks, fn)
        try:
            futures = self.client.map(fn, [t["request"] for t in tasks], [t.get("timeoutS") for t in tasks],
                                      key=["corral-" + t["task"] for t in tasks], pure=False,
                                      retries=int(self.config.get("retries") or 0))
        except Exception:
            log.exception("endpoint %s: a batched submit failed; submitting one by one", self.name)
            return super().submit_group(tasks, fn)
        for task, future in zip(tasks, futures):
            self.watch(task["task"], future)
        return futures, 1

    def submit_with_data(self, task, fn, envelope, request_text):
        """A task that reads results held here and/or keeps its own (dask_held.py)."""
        task_id = task["task"]
        upstream = {}
        for ref in envelope.get("held") or []:
            future = self.held.get(ref)
            if future is None:
                raise EngineError("DATA_LOST", "task %s reads data %s, which endpoint %r no longer holds (released, or the bridge restarted)"
                                  % (task_id, ref, self.name))
            upstream[ref] = future
        full = self.client.submit(RUN_WITH_HELD, fn, request_text, upstream, task.get("timeoutS"), key="corral-" + task_id,
                                  pure=False, retries=int(self.config.get("retries") or 0))
        keep = envelope.get("keep")
        if not keep:
            self.watch(task_id, full)
            return full
        ref = keep["ref"]
        summary = self.client.submit(SUMMARIZE, full, int(keep["minBytes"]), ref, key="corral-summary-" + task_id, pure=False)

        def kept(run):
            if run.pop("held", False):
                self.held[ref] = full
            else:
                full.release()
            self.finish(task_id, run)

        self.watch(task_id, summary, kept)
        return full

    def fetch(self, ref):
        """The value of a held result (its wire JSON), fetched from its worker."""
        future = self.held.get(ref)
        if future is None:
            raise EngineError("DATA_LOST", "endpoint %r no longer holds data %s (released, or the bridge restarted)" % (self.name, ref))
        try:
            report = future.result(timeout=600)
        except Exception as e:
            raise EngineError("DATA_LOST", "endpoint %r lost data %s: %s %s" % (self.name, ref, type(e).__name__, e))
        text = report["response"]
        import json
        return {"value": json.loads(text)["value"], "bytes": len(text)}

    def release(self, refs):
        released = 0
        for ref in refs:
            future = self.held.pop(ref, None)
            if future is not None:
                future.release()
                released += 1
        return {"released": released, "held": len(self.held)}

    def watch(self, task_id, future, ok=None):
        def done(f):
            try:
                if f.status == "cancelled":
                    self.cancelled(task_id, f)
                elif f.status == "error":
                    error = f.exception()
                    name = type(error).__name__
                    failure = "crash" if name == "KilledWorker" else "error"
                    self.fail(task_id, "DASK_" + name.upper(), failure, name,
                              "Dask task %s failed on endpoint %r: %s" % (f.key, self.name, error))
                else:
                    self.finish(task_id, f.result())
            except Exception as e:
                self.fail(task_id, *self.classify(e))

        # Results arrive in batches; only failed or cancelled tasks go through `done`.
        self.results.watch(future, ok or (lambda run: self.finish(task_id, run)), done)

    def cancelled(self, task_id, future):
        if task_id in self.cancel_requested or self.closing:
            self.cancel_requested.discard(task_id)
            self.fail(task_id, "CANCELLED", "cancelled", "CancelledError", "the Dask task was cancelled")
            return
        # Nobody asked: Dask cancels a client's futures when it loses the scheduler.
        self.fail(task_id, SCHEDULER_LOST, "offline", "DaskSchedulerLost",
                  "Dask cancelled task %s without being asked (client %s): the scheduler at %s was lost"
                  % (future.key, getattr(self.client, "status", "?"), self.config.get("address")))

    def status(self):
        detail = self.liveness.refusal()
        if detail:
            return {"online": False, "totalWorkers": 0, "idleWorkers": 0, "queued": len(self.tasks), "detail": detail[1]}
        try:
            info = self.probe.submit(self.client.scheduler_info).result(timeout=5)
            processing = self.probe.submit(self.client.processing).result(timeout=5)
        except (FutureTimeout, Exception) as e:
            log.warning("endpoint %s: scheduler not answering: %s", self.name, e)
            detail = "the Dask scheduler at %s is not answering: %s %s" % (self.config.get("address"), type(e).__name__, e)
            return {"online": False, "totalWorkers": 0, "idleWorkers": 0, "queued": len(self.tasks), "detail": detail.strip()}
        workers = info.get("workers", {})
        total = sum(w.get("nthreads", 0) for w in workers.values())
        busy = sum(min(len(processing.get(addr, ())), w.get("nthreads", 0)) for addr, w in workers.items())
        assigned = sum(len(v) for v in processing.values())
        return {
            **({} if total > 0 else {"detail": "endpoint %r: the Dask cluster at %s has no workers" % (self.name, self.config.get("address"))}),
            "online": total > 0, "totalWorkers": total, "idleWorkers": total - busy,
            "queued": max(0, len(self.tasks) - busy, assigned - busy),
            "workers": len(workers), "memoryBytes": sum(w.get("memory_limit", 0) or 0 for w in workers.values()),
            "inflight": len(self.tasks),
        }

    def cancel_one(self, handle):
        self.cancel_requested.add(handle.key[len("corral-"):])
        handle.cancel()

    def close(self):
        self.results.stop()
        self.held.clear()
        self.closing = True
        if self.liveness is not None:
            self.liveness.stop()
        if self.liveness is not None and self.liveness.lost is not None:
            # Closing a client whose scheduler is gone waits on it: never wait on an unreachable engine.
            threading.Thread(target=self.close_client, daemon=True, name="corral-dask-close").start()
        else:
            self.close_client()
        self.probe.shutdown(wait=False)

    def close_client(self):
        try:
            self.client.close(timeout=5)
        except Exception as e:
            log.warning("endpoint %s: closing the Dask client: %s", self.name, e)


def create(name, config, emit):
    return DaskEngine(name, config, emit)
