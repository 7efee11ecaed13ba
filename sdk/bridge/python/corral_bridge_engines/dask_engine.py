"""Engine `dask`: a dask.distributed Client connected to a scheduler address;
each task is one Dask task that runs the task's program under `node`."""
import hashlib
import logging
from concurrent.futures import ThreadPoolExecutor, TimeoutError as FutureTimeout

from distributed import Client

from .base_engine import BaseEngine
from .dask_programs import install_program
from .dask_results import ResultPump
from .engine_errors import EngineError
from .task_runner import make_entry_function

log = logging.getLogger("corral.bridge.dask")


class DaskEngine(BaseEngine):
    kind = "dask"

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
        info = self.client.scheduler_info()
        return {"engine": self.kind, "address": address, "workers": len(info.get("workers", {})),
                "threads": sum(w.get("nthreads", 0) for w in info.get("workers", {}).values())}

    def define_program(self, key, program, known):
        fn, installed = install_program(self.client, hashlib.sha256(key.encode("utf-8")).hexdigest()[:32], make_entry_function(program))
        self.__dict__.setdefault("installed", {})[key] = installed
        return fn

    def describe_program(self, key):
        return {"installedOnWorkers": self.__dict__.get("installed", {}).get(key, False)}

    def submit_one(self, task, fn):
        future = self.client.submit(fn, task["request"], task.get("timeoutS"), key="corral-" + task["task"],
                                    pure=False, retries=int(self.config.get("retries") or 0))
        self.watch(task["task"], future)
        return future

    def submit_group(self, tasks, fn):
        """A batch of one program in one client.map: one message to the scheduler."""
        if len(tasks) == 1:
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

    def watch(self, task_id, future):
        def done(f):
            try:
                if f.status == "cancelled":
                    self.fail(task_id, "CANCELLED", "cancelled", "CancelledError", "the Dask task was cancelled")
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
        self.results.watch(future, lambda run: self.finish(task_id, run), done)

    def status(self):
        try:
            info = self.probe.submit(self.client.scheduler_info).result(timeout=5)
            processing = self.probe.submit(self.client.processing).result(timeout=5)
        except (FutureTimeout, Exception) as e:
            log.warning("endpoint %s: scheduler not answering: %s", self.name, e)
            return {"online": False, "totalWorkers": 0, "idleWorkers": 0, "queued": len(self.tasks), "detail": str(e)}
        workers = info.get("workers", {})
        total = sum(w.get("nthreads", 0) for w in workers.values())
        busy = sum(min(len(processing.get(addr, ())), w.get("nthreads", 0)) for addr, w in workers.items())
        assigned = sum(len(v) for v in processing.values())
        return {
            "online": total > 0, "totalWorkers": total, "idleWorkers": total - busy,
            "queued": max(0, len(self.tasks) - busy, assigned - busy),
            "workers": len(workers), "memoryBytes": sum(w.get("memory_limit", 0) or 0 for w in workers.values()),
            "inflight": len(self.tasks),
        }

    def cancel_one(self, handle):
        handle.cancel()

    def close(self):
        self.results.stop()
        try:
            self.client.close(timeout=5)
        except Exception as e:
            log.warning("endpoint %s: closing the Dask client: %s", self.name, e)
        self.probe.shutdown(wait=False)


def create(name, config, emit):
    return DaskEngine(name, config, emit)
