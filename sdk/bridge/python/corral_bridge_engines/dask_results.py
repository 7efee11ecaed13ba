"""Collects finished Dask tasks for the dask engine without a round trip each.

`Future.add_done_callback` runs callbacks one at a time on one thread, and a
callback that reads `f.result()` fetches that result from its worker there:
one sequential round trip per task, a ceiling of a few hundred tasks/s. The
pump instead takes the futures that finished since it last looked (from
`as_completed`) and fetches all their results in one `gather`.
"""
import logging
import threading

from distributed import as_completed

log = logging.getLogger("corral.bridge.dask")


class ResultPump:
    """Calls `ok(result)` for each finished future it watches, and
    `otherwise(future)` for one that errs or is cancelled."""

    def __init__(self, client, name):
        self.client = client
        self.done = as_completed([], loop=client.loop)
        self.watched = {}
        self.lock = threading.Lock()
        self.wake = threading.Event()
        self.stopped = False
        self.thread = threading.Thread(target=self.run, daemon=True, name="corral-dask-results-" + name)
        self.thread.start()

    def watch(self, future, ok, otherwise):
        with self.lock:
            self.watched[future.key] = (ok, otherwise)
        self.done.add(future)
        self.wake.set()

    def run(self):
        while not self.stopped:
            if self.done.is_empty():
                self.wake.wait(0.5)
                self.wake.clear()
                continue
            try:
                batch = self.done.next_batch(block=True)
            except StopIteration:
                continue
            with self.lock:
                handlers = [(f, self.watched.pop(f.key, None)) for f in batch]
            finished = [(f, h) for f, h in handlers if h is not None and f.status == "finished"]
            others = [(f, h) for f, h in handlers if h is not None and f.status != "finished"]
            try:
                results = self.client.gather([f for f, _ in finished])
            except Exception as e:
                # One result lost (its worker died): each task's own handler finds out which.
                log.warning("fetching %d results at once failed (%s); handling them one by one", len(finished), e)
                others += finished
                finished, results = [], []
            for (future, (ok, _)), result in zip(finished, results):
                self.deliver(future, ok, result)
            for future, (_, otherwise) in others:
                self.deliver(future, otherwise, future)

    def deliver(self, future, handler, argument):
        try:
            handler(argument)
        except Exception:
            log.exception("handling the outcome of %s failed", future.key)

    def stop(self):
        self.stopped = True
        self.wake.set()
