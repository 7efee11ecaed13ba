"""What every engine shares: programs by key, tasks in flight, outcome lines."""
import logging
import threading

from .engine_errors import EngineError
from .task_runner import with_host

log = logging.getLogger("corral.bridge.engine")


class BaseEngine:
    """Subclasses implement open, define_program, submit_one (or submit_group), status, close."""

    kind = "base"

    def __init__(self, name, config, emit):
        self.name = name
        self.config = config
        self._emit = emit
        self.programs = {}
        self.tasks = {}
        self.lock = threading.Lock()

    def inflight(self):
        return len(self.tasks)

    def pending_tasks(self):
        """(task id, engine handle) of every task not yet reported."""
        with self.lock:
            return list(self.tasks.items())

    def pending_task_ids(self):
        return [task_id for task_id, _ in self.pending_tasks()]

    def define(self, key, program, known):
        # The warm host travels with every program: workers have no corral.
        self.programs[key] = self.define_program(key, with_host(program), known)
        return {"key": key, **(self.describe_program(key) or {})}

    def define_program(self, key, program, known):
        return program

    def describe_program(self, key):
        return {}

    def program_of(self, task):
        program = self.programs.get(task["program"])
        if program is None:
            raise EngineError("PROGRAM_NOT_DEFINED", "task %s names program %r, not defined on endpoint %r"
                              % (task["task"], task["program"], self.name))
        return program

    def submit(self, tasks):
        for task in tasks:
            self.program_of(task)
        groups = {}
        for task in tasks:
            groups.setdefault(task["program"], []).append(task)
            with self.lock:
                self.tasks[task["task"]] = None
        calls = 0
        for key, group in groups.items():
            handles, used = self.submit_group(group, self.programs[key])
            calls += used
            for task, handle in zip(group, handles):
                with self.lock:
                    if handle is not None and task["task"] in self.tasks:
                        self.tasks[task["task"]] = handle
        return calls

    def submit_group(self, tasks, program):
        """Submits tasks of one program: (one handle per task, None where it
        failed; how many engine calls that took). Engines that can send a
        batch in one call override this."""
        handles = []
        for task in tasks:
            try:
                handles.append(self.submit_one(task, program))
            except Exception as e:  # submission errors belong to the task
                self.fail(task["task"], *self.classify(e))
                handles.append(None)
        return handles, len(tasks)

    def classify(self, error):
        """(code, failure, name, message) of an engine-side error."""
        if isinstance(error, EngineError):
            return error.code, "crash", "EngineError", str(error)
        return "ENGINE_ERROR", "crash", type(error).__name__, str(error)

    def finish(self, task_id, run):
        with self.lock:
            if self.tasks.pop(task_id, "gone") == "gone":
                return
        self._emit({"task": task_id, "run": run})

    def fail(self, task_id, code, failure, name, message, **extra):
        with self.lock:
            if self.tasks.pop(task_id, "gone") == "gone":
                return
        self._emit({"task": task_id, "error": {"code": code, "failure": failure, "name": name, "message": message, **extra}})

    def cancel(self, task_ids):
        for task_id in task_ids:
            with self.lock:
                handle = self.tasks.get(task_id)
            if handle is not None:
                try:
                    self.cancel_one(handle)
                except Exception:
                    log.exception("cancelling %s on %s failed", task_id, self.name)
            self.fail(task_id, "CANCELLED", "cancelled", "Cancelled", "cancelled on request")

    def cancel_one(self, handle):
        handle.cancel()

    def metadata(self):
        return {}
