"""Engine `globus-compute`: the real globus_compute_sdk. One registered function
per program (bundle hash); tasks go through an Executor to one endpoint."""
import logging
import os

import globus_sdk
from globus_compute_sdk import Client, Executor
from globus_compute_sdk.errors import (
    DeserializationError, MaxResultSizeExceeded, SerializationError, TaskExecutionFailed,
)

from .base_engine import BaseEngine
from .engine_errors import EngineError
from .task_runner import make_entry_function

log = logging.getLogger("corral.bridge.globus-compute")


class GlobusComputeEngine(BaseEngine):
    kind = "globus-compute"

    def open(self):
        self.endpoint_id = self.config.get("endpointId")
        if not self.endpoint_id:
            raise EngineError("CONFIG", "endpoint %r: globus-compute needs `endpointId` (the endpoint's UUID)" % self.name)
        missing = [v for v in ("GLOBUS_COMPUTE_CLIENT_ID", "GLOBUS_COMPUTE_CLIENT_SECRET") if not os.environ.get(v)]
        if missing:
            # Without client credentials the SDK would start an interactive login.
            raise EngineError("AUTH_MISSING", "endpoint %r: %s not set; corral authenticates to Globus Compute with a "
                              "client identity only" % (self.name, " and ".join(missing)),
                              hint="create a client identity at app.globus.org (Settings > Developers) and export "
                                   "GLOBUS_COMPUTE_CLIENT_ID and GLOBUS_COMPUTE_CLIENT_SECRET")
        try:
            self.client = Client(do_version_check=False)
            self.executor = self.new_executor()
        except globus_sdk.GlobusAPIError as e:
            raise EngineError(*self.api_error(e, "opening"))
        self.function_ids = {}
        return {"engine": self.kind, "endpointId": self.endpoint_id}

    def new_executor(self):
        return Executor(endpoint_id=self.endpoint_id, client=self.client,
                        batch_size=int(self.config.get("batchSize") or 128))

    def api_error(self, e, doing):
        status = getattr(e, "http_status", None)
        code = getattr(e, "code", None)
        if status in (401, 403):
            ours = "GC_AUTH"
        elif status == 413 or code == "TASK_PAYLOAD_TOO_LARGE":
            ours = "GC_PAYLOAD_TOO_LARGE"
        elif status == 429:
            ours = "GC_RATE_LIMITED"
        else:
            ours = "GC_API_ERROR"
        return ours, "endpoint %r (%s): Globus Compute refused %s: HTTP %s %s: %s" % (
            self.name, self.endpoint_id, doing, status, code, getattr(e, "message", e))

    def define_program(self, key, program, known):
        fn = make_entry_function(program)
        try:
            if known.get("functionId"):
                fid = self.executor.register_function(fn, function_id=known["functionId"])
                registered = False
            else:
                fid = self.executor.register_function(fn)
                registered = True
        except globus_sdk.GlobusAPIError as e:
            # Upstream shuts an Executor down when registration fails.
            self.executor = self.new_executor()
            raise EngineError(*self.api_error(e, "registering program %s" % key))
        self.function_ids[key] = (fid, registered)
        return fid

    def describe_program(self, key):
        fid, registered = self.function_ids[key]
        return {"functionId": fid, "registered": registered}

    def classify(self, error):
        if isinstance(error, TaskExecutionFailed):
            return "GC_TASK_EXECUTION_FAILED", "error", "TaskExecutionFailed", "endpoint %r: the task's function failed on the endpoint:%s" % (self.name, error)
        if isinstance(error, MaxResultSizeExceeded):
            return "GC_RESULT_TOO_LARGE", "payload", "MaxResultSizeExceeded", "endpoint %r: %s" % (self.name, error)
        if isinstance(error, (SerializationError, DeserializationError)):
            return "GC_SERIALIZATION", "serialization", type(error).__name__, "endpoint %r: %s" % (self.name, error)
        if isinstance(error, globus_sdk.GlobusAPIError):
            code, message = self.api_error(error, "the task")
            failure = "payload" if code == "GC_PAYLOAD_TOO_LARGE" else "error"
            return code, failure, "GlobusAPIError", message
        return super().classify(error)

    def submit_one(self, task, fid):
        task_id = task["task"]
        args = (task["request"], task.get("timeoutS")) + ((task["data"],) if task.get("data") else ())
        future = self.executor.submit_to_registered_function(fid, args=args)

        def done(f):
            if f.cancelled():
                return
            error = f.exception()
            if error is not None:
                self.fail(task_id, *self.classify(error), remoteTaskId=getattr(f, "task_id", None))
            else:
                run = f.result()
                run["remoteTaskId"] = getattr(f, "task_id", None)
                self.finish(task_id, run)

        future.add_done_callback(done)
        return future

    def status(self):
        try:
            s = self.client.get_endpoint_status(self.endpoint_id)
        except globus_sdk.GlobusAPIError as e:
            return {"online": False, "totalWorkers": 0, "idleWorkers": 0, "queued": len(self.tasks),
                    "detail": self.api_error(e, "a status request")[1]}
        details = s.get("details") or {}
        return {"online": s.get("status") == "online", "totalWorkers": int(details.get("total_workers") or 0),
                "idleWorkers": int(details.get("idle_workers") or 0),
                "queued": int(details.get("pending_tasks") or 0) + len(self.tasks) - min(len(self.tasks), int(details.get("total_workers") or 0)),
                "outstanding": int(details.get("outstanding_tasks") or 0), "managers": details.get("managers")}

    def metadata(self):
        try:
            return self.client.get_endpoint_metadata(self.endpoint_id)
        except globus_sdk.GlobusAPIError as e:
            raise EngineError(*self.api_error(e, "a metadata request"))

    def close(self):
        self.executor.shutdown(wait=False, cancel_futures=True)


def create(name, config, emit):
    return GlobusComputeEngine(name, config, emit)
