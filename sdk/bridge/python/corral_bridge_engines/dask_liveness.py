"""Liveness of a Dask endpoint, watched on the attempt and not only on the
bridge: a cluster whose workers all died keeps its tasks pending forever, and
a lost scheduler makes the client cancel them. Both are endpoint failures
(`offline`), so corral can retry or fail over instead of waiting."""
import logging
import threading
import time
from concurrent.futures import ThreadPoolExecutor

log = logging.getLogger("corral.bridge.dask")

NO_WORKERS = "DASK_NO_WORKERS"
SCHEDULER_LOST = "DASK_SCHEDULER_LOST"
OFFLINE_CODES = (NO_WORKERS, SCHEDULER_LOST)


class DaskLiveness:
    """Probes the scheduler every `interval_s` from a thread of its own.

    - no workers for `no_workers_s` while tasks wait: those tasks fail as
      `offline` (DASK_NO_WORKERS) and are cancelled on Dask;
    - the scheduler unanswering for `scheduler_s` (or the client closed by
      Dask after its reconnect attempts): every task fails as `offline`
      (DASK_SCHEDULER_LOST) and new submissions are refused at once, until a
      scheduler answers at the address again (a new client if Dask closed the
      old one; the programs installed again on a new scheduler).
    """

    def __init__(self, engine, address, no_workers_s, scheduler_s, interval_s=1.0):
        self.engine = engine
        self.address = address
        self.no_workers_s = no_workers_s
        self.scheduler_s = scheduler_s
        self.interval_s = interval_s
        now = time.monotonic()
        self.last_answer = now
        self.last_worker_seen = now
        self.workers = None
        self.lost = None  # why the scheduler counts as lost, when it does
        self.scheduler_id = None  # a scheduler that came back at the address has a new one
        # A new client may face a new scheduler even when no probe saw the old one's id (a probe slowed by load).
        self.reinstall = False
        self.stopping = threading.Event()
        self.probe_pool = ThreadPoolExecutor(1, thread_name_prefix="corral-dask-liveness-probe")
        self.probing = None
        self.thread = threading.Thread(target=self.run, daemon=True, name="corral-dask-liveness")

    def start(self):
        self.thread.start()

    def stop(self):
        self.stopping.set()
        self.probe_pool.shutdown(wait=False, cancel_futures=True)

    def run(self):
        while not self.stopping.wait(self.interval_s):
            try:
                self.tick()
            except Exception:  # the watch must outlive any surprise
                log.exception("endpoint %s: liveness check failed", self.engine.name)

    def probe(self):
        if self.engine.client_gone():
            self.engine.reconnect()
            self.reinstall = True
        info = self.engine.client.scheduler_info()
        scheduler = info.get("id")  # None from a client that lost its scheduler
        if scheduler is not None:
            if self.reinstall or (self.scheduler_id is not None and scheduler != self.scheduler_id):
                self.engine.scheduler_changed()
                self.reinstall = False
            self.scheduler_id = scheduler
        return len(info.get("workers", {}))

    def tick(self):
        now = time.monotonic()
        if self.probing is None or self.probing.done():
            if self.probing is not None:
                try:
                    self.workers = self.probing.result()
                    self.last_answer = now
                    self.lost = None
                except Exception as e:
                    log.debug("endpoint %s: scheduler probe failed: %s", self.engine.name, e)
            self.probing = self.probe_pool.submit(self.probe)
        if self.workers:
            self.last_worker_seen = now
        client_status = getattr(self.engine.client, "status", "running")
        if client_status in ("closed", "closing") and not self.engine.closing:
            self.scheduler_lost("the Dask client lost its connection and gave up reconnecting")
        elif now - self.last_answer > self.scheduler_s:
            self.scheduler_lost("the scheduler has not answered for %.0f s" % (now - self.last_answer))
        elif self.workers == 0 and now - self.last_worker_seen > self.no_workers_s:
            self.no_workers(now - self.last_worker_seen)

    def scheduler_lost(self, why):
        if self.lost is None:
            log.warning("endpoint %s: Dask scheduler at %s lost: %s", self.engine.name, self.address, why)
        self.lost = why
        message = "the Dask scheduler at %s is lost (%s); the task's fate on the cluster is unknown" % (self.address, why)
        for task_id in self.engine.pending_task_ids():
            self.engine.fail(task_id, SCHEDULER_LOST, "offline", "DaskSchedulerLost", message)

    def no_workers(self, seconds):
        waiting = [(t, f) for t, f in self.engine.pending_tasks() if f is None or f.status == "pending"]
        if not waiting:
            return
        message = ("the Dask cluster at %s has had no workers for %.0f s (all died or left; limit noWorkersTimeoutS=%g); "
                   "the task was cancelled on Dask" % (self.address, seconds, self.no_workers_s))
        log.warning("endpoint %s: no Dask workers for %.0f s: failing %d task(s)", self.engine.name, seconds, len(waiting))
        for task_id, future in waiting:
            self.engine.fail(task_id, NO_WORKERS, "offline", "DaskNoWorkers", message)
            if future is not None:
                try:
                    future.cancel()
                except Exception as e:
                    log.debug("endpoint %s: cancelling %s: %s", self.engine.name, task_id, e)

    def refusal(self):
        """Why a new task is refused at once, or None."""
        if self.lost is not None:
            return SCHEDULER_LOST, "endpoint %r: the Dask scheduler at %s is lost (%s)" % (self.engine.name, self.address, self.lost)
        return None

    def detail(self):
        """Why status() reports the endpoint offline, or None."""
        refusal = self.refusal()
        if refusal:
            return refusal[1]
        if self.workers == 0:
            return "endpoint %r: the Dask cluster at %s has no workers" % (self.engine.name, self.address)
        return None
