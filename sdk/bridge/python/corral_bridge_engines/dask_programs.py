"""Ships a program to every Dask worker once, instead of with every task.

A program's function carries the task runner, the warm host and the bundle
(tens of KB). Sent with each task, that is tens of KB more per task through
the scheduler. Installed once per worker by a WorkerPlugin (which Dask also
gives to workers that join later), each task carries a small function that
looks the program up by key.
"""
import logging

log = logging.getLogger("corral.bridge.dask")


def install_program(client, key, fn):
    """Installs `fn` on every worker under `key`; returns (the small function
    tasks call, True), or (`fn` itself, False) when the plugin could not be
    registered."""
    from distributed.diagnostics.plugin import WorkerPlugin

    class CorralProgram(WorkerPlugin):
        name = "corral-program-" + key

        def __init__(self):
            self.key, self.fn = key, fn

        def setup(self, worker):
            import sys
            import types
            programs = sys.modules.setdefault("corral_programs", types.ModuleType("corral_programs"))
            programs.__dict__[self.key] = self.fn

    try:
        client.register_worker_plugin(CorralProgram(), name=CorralProgram.name)
    except Exception as e:
        log.warning("program %s: cannot install it on the Dask workers (%s); tasks carry it themselves", key, e)
        return fn, False

    def corral_task(request_text, timeout_s=None):
        # Imported here: this function travels by value, without this module's globals.
        import sys
        return sys.modules["corral_programs"].__dict__[key](request_text, timeout_s)

    corral_task.__name__ = "corral_task_" + key[:16]
    return corral_task, True
