"""Engine `process`: runs tasks on this machine, for development without any
distributed engine installed. Each task is already its own `node` process, so
a thread per running task is all the pool needs (no Python worker processes to
leak if the bridge is killed)."""
import os
from concurrent.futures import ThreadPoolExecutor

from .base_engine import BaseEngine
from .task_runner import run_entry


class ProcessEngine(BaseEngine):
    kind = "process"

    def open(self):
        self.workers = int(self.config.get("workers") or os.cpu_count() or 1)
        self.pool = ThreadPoolExecutor(self.workers, thread_name_prefix="corral-process-" + self.name)
        return {"engine": self.kind, "workers": self.workers}

    def submit_one(self, task, program):
        future = self.pool.submit(run_entry, program, task["request"], task.get("timeoutS"))
        task_id = task["task"]

        def done(f):
            if f.cancelled():
                return
            error = f.exception()
            if error is not None:
                self.fail(task_id, *self.classify(error))
            else:
                self.finish(task_id, f.result())

        future.add_done_callback(done)
        return future

    def status(self):
        busy = len(self.tasks)
        return {"online": True, "totalWorkers": self.workers, "idleWorkers": max(0, self.workers - busy),
                "queued": max(0, busy - self.workers)}

    def close(self):
        self.pool.shutdown(wait=False, cancel_futures=True)


def create(name, config, emit):
    return ProcessEngine(name, config, emit)
