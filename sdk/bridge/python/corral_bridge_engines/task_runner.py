"""Runs corral tasks under `node` by the entry protocol, on whatever machine
the engine chose (a Dask worker, a Globus Compute endpoint, a local process).

Warm by default: each Python process keeps long-lived `node` workers (the
warm host, warm_host.mjs) that run attempt after attempt over a pipe and keep
each bundle loaded, so the cold start (node's start, the bundle's import) is
paid once per worker and bundle. A worker that crashes, hangs past the
attempt's timeout or grows past its memory limit is killed and replaced; only
that attempt fails. `program["warm"] = False` runs a fresh `node` per attempt.

This module is self-contained (the standard library only, state in its
globals) because engines ship its source by value to machines where corral is
not installed; make_entry_function runs one copy of it per process, so that
warm workers outlive a single call.
"""

import atexit
import collections
import hashlib
import inspect
import json
import os
import socket
import subprocess
import sys
import tempfile
import threading
import time
import types

# Environment variables never passed on to a task's `node` process.
SECRET_ENV = ("GLOBUS_COMPUTE_CLIENT_SECRET",)
MARKER = "@@corral-response@@"
HOST = socket.gethostname()
# Warm workers of this process: idle ones by launcher, how many started, and
# the launchers that could not start one (those run a node per attempt).
_POOL = {"idle": {}, "lock": threading.Lock(), "started": 0, "cold": {}}


def cached_file(kind, digest, text, suffix):
    """Writes `text` once per host under the temp folder, named by its hash."""
    cache = os.path.join(tempfile.gettempdir(), "corral-bundles")
    path = os.path.join(cache, kind + digest + suffix)
    if not os.path.exists(path):
        os.makedirs(cache, exist_ok=True)
        # Write then rename: concurrent tasks on one host (threads or
        # processes) may race here, so each writes its own temporary file.
        fd, tmp = tempfile.mkstemp(dir=cache, suffix=".tmp")
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(text)
        os.replace(tmp, path)
    return path


def task_env(program):
    # corral sends its one secret list with the program; SECRET_ENV covers an older corral.
    secret = program.get("secretEnv") or {}
    names = set(secret.get("names") or SECRET_ENV)
    suffixes = tuple(secret.get("suffixes") or ())

    def is_secret(k):
        return k.upper() in names or bool(suffixes and k.upper().endswith(suffixes))

    env = {k: v for k, v in os.environ.items() if not is_secret(k)}
    env.update(program.get("env") or {})
    for k in [k for k in env if k.upper() in SECRET_ENV]:
        env.pop(k, None)
    return env


def run_entry(program, request_text, timeout_s=None):
    """Runs one request of `program`; returns a JSON-safe run report (the
    entry response line and facts about the run)."""
    warm = program.get("warm")
    if warm is not False and program.get("host") and program.get("launcher") and (program.get("bundle") or program.get("entry")):
        try:
            import select  # noqa: F401  (warm workers need select on pipes)
        except ImportError:
            warm = False
        if warm is not False:
            return run_warm(program, request_text, timeout_s, warm or {})
    return run_cold(program, request_text, timeout_s)


def run_cold(program, request_text, timeout_s=None):
    """A fresh `node` process for one request (the fallback path)."""
    started = time.time()
    argv = list(program["argv"])
    bundle = program.get("bundle")
    if bundle:
        argv.append(cached_file("", bundle["hash"], bundle["text"], ".mjs"))
    out = {"host": socket.gethostname(), "pid": os.getpid(), "startedAt": started * 1000, "warm": False}
    try:
        proc = subprocess.run(
            argv, input=request_text.encode("utf-8"), stdout=subprocess.PIPE, stderr=subprocess.PIPE,
            cwd=program.get("cwd") or None, env=task_env(program), timeout=timeout_s,
        )
    except subprocess.TimeoutExpired as e:
        out.update(kind="timeout", message="task ran longer than %ss and was killed" % timeout_s,
                   stderr=(e.stderr or b"")[-4000:].decode("utf-8", "replace"))
        out["endedAt"] = time.time() * 1000
        return out
    except OSError as e:
        out.update(kind="spawn", message="cannot start %s: %s" % (argv[0], e))
        out["endedAt"] = time.time() * 1000
        return out
    out["endedAt"] = time.time() * 1000
    stdout = proc.stdout.decode("utf-8", "replace")
    at = stdout.rfind(MARKER)
    out["returncode"] = proc.returncode
    out["stderr"] = proc.stderr[-4000:].decode("utf-8", "replace")
    if at < 0:
        out.update(kind="crash", message="node exited with code %s without a response" % proc.returncode,
                   stdout=stdout[-2000:])
        return out
    out["kind"] = "response"
    out["response"] = stdout[at + len(MARKER):].split("\n", 1)[0]
    try:
        # Everything but the task's own run is the price of a cold process.
        t = json.loads(out["response"]).get("timings") or {}
        out["coldStartSeconds"] = max(0.0, (out["endedAt"] - out["startedAt"]) / 1000 - t.get("runSeconds", 0) - t.get("loadSeconds", 0))
    except ValueError:
        pass
    return out


class WarmWorker:
    """One warm `node` host: requests on its stdin, answers on a private pipe,
    its stdout and stderr forwarded to ours with the last lines kept."""
    def __init__(self, program, key):
        self.key = key
        self.tasks = 0
        # A bytearray grows in place, and only new bytes are searched for the end of the line:
        # a result of tens of MB arrives in thousands of pipe reads.
        self.buffer = bytearray()
        host = cached_file("host-", program["host"]["hash"], program["host"]["text"], ".mjs")
        read_fd, write_fd = os.pipe()
        env = task_env(program)
        env["CORRAL_WARM_FD"] = str(write_fd)
        t0 = time.time()
        try:
            self.proc = subprocess.Popen(
                list(program["launcher"]) + [host], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                stderr=subprocess.STDOUT, cwd=program.get("cwd") or None, env=env, pass_fds=(write_fd,),
            )
        except BaseException:
            os.close(read_fd)
            raise
        finally:
            os.close(write_fd)
        self.fd = read_fd
        self.tail = collections.deque(maxlen=60)

        def forward(stream, tail):
            for line in iter(stream.readline, b""):
                tail.append(line)
                try:
                    sys.stderr.write(line.decode("utf-8", "replace"))
                except Exception:
                    pass

        log = threading.Thread(target=forward, args=(self.proc.stdout, self.tail), daemon=True, name="corral-warm-log")
        log.start()
        ready = self.read(time.time() + 60, None)
        if not isinstance(ready, dict) or not ready.get("ready"):
            self.kill()
            log.join(1)  # the last lines node wrote before it gave up
            raise RuntimeError("%s before it was ready (exit code %s): %s" % (
                "no answer within 60 s" if ready == "timeout" else "it exited", self.proc.returncode, self.stderr().strip()[-500:]))
        self.spawn_seconds = time.time() - t0

    def stderr(self):
        return b"".join(self.tail)[-4000:].decode("utf-8", "replace")

    def rss(self):
        try:
            with open("/proc/%d/status" % self.proc.pid) as f:
                for line in f:
                    if line.startswith("VmRSS:"):
                        return int(line.split()[1]) * 1024
        except (OSError, ValueError):
            return None
        return None

    def read(self, deadline, max_bytes):
        """The next answer line as a dict, or "timeout", "memory" or "exit"."""
        import select

        end = self.buffer.find(b"\n")
        while end < 0:
            wait = 0.25 if deadline is None else max(0.0, min(0.25, deadline - time.time()))
            ready, _, _ = select.select([self.fd], [], [], wait)
            if ready:
                chunk = os.read(self.fd, 1 << 20)
                if not chunk:
                    return "exit"
                at = len(self.buffer)
                self.buffer += chunk
                end = self.buffer.find(b"\n", at)
                continue
            if self.proc.poll() is not None:
                return "exit"
            if deadline is not None and time.time() >= deadline:
                return "timeout"
            if max_bytes and (self.rss() or 0) > max_bytes:
                return "memory"
        line = bytes(self.buffer[:end])
        del self.buffer[:end + 1]
        return json.loads(line.decode("utf-8"))

    def call(self, entry, request_text, timeout_s, max_bytes):
        self.tasks += 1
        message = json.dumps({"id": self.tasks, "entry": entry, "request": request_text}) + "\n"
        try:
            self.proc.stdin.write(message.encode("utf-8"))
            self.proc.stdin.flush()
        except OSError:
            return "exit"
        return self.read(None if timeout_s is None else time.time() + float(timeout_s), max_bytes)

    def kill(self):
        try:
            self.proc.kill()
            self.proc.wait(5)
        except Exception:
            pass
        try:
            os.close(self.fd)
        except OSError:
            pass

    def stop(self):
        """Lets the host finish on its own (stdin closed), else kills it."""
        try:
            self.proc.stdin.close()
            self.proc.wait(2)
        except Exception:
            pass
        self.kill()


def _acquire(program, key):
    with _POOL["lock"]:
        idle = _POOL["idle"].setdefault(key, [])
        while idle:
            worker = idle.pop()
            if worker.proc.poll() is None:
                return worker, False
            worker.kill()
    worker = WarmWorker(program, key)
    with _POOL["lock"]:
        _POOL["started"] += 1
    return worker, True


def _release(worker, recycle_after):
    if worker.proc.poll() is not None:
        worker.kill()
        return
    if recycle_after and worker.tasks >= recycle_after:
        worker.stop()
        return
    with _POOL["lock"]:
        _POOL["idle"].setdefault(worker.key, []).append(worker)


def shutdown_warm_workers():
    """Stops every idle warm worker of this process (busy ones finish first)."""
    with _POOL["lock"]:
        workers = [w for ws in _POOL["idle"].values() for w in ws]
        _POOL["idle"].clear()
    for w in workers:
        w.stop()


def run_warm(program, request_text, timeout_s, warm):
    """One request on a warm worker of this process."""
    started = time.time()
    out = {"host": HOST, "pid": os.getpid(), "startedAt": started * 1000, "warm": True}
    if not _POOL.get("atexit"):
        _POOL["atexit"] = True
        atexit.register(shutdown_warm_workers)
    bundle = program.get("bundle")
    entry = cached_file("", bundle["hash"], bundle["text"], ".mjs") if bundle else program["entry"]
    key = (tuple(program["launcher"]), program.get("cwd") or "", tuple(sorted((program.get("env") or {}).items())))
    if key in _POOL["cold"]:
        return dict(run_cold(program, request_text, timeout_s), warmError=_POOL["cold"][key])
    try:
        worker, fresh = _acquire(program, key)
    except Exception as e:
        # Where a warm worker cannot start, this process runs a node per attempt from now on.
        reason = "cannot start a warm node worker (%s): %s" % (" ".join(program["launcher"]), e)
        _POOL["cold"][key] = reason
        sys.stderr.write("corral: %s; running a node process per attempt instead\n" % reason)
        return dict(run_cold(program, request_text, timeout_s), warmError=reason)
    max_bytes = warm.get("maxMemoryBytes")
    answer = worker.call(entry, request_text, timeout_s, max_bytes)
    out["endedAt"] = time.time() * 1000
    out["workerPid"] = worker.proc.pid
    out["workerTasks"] = worker.tasks
    if isinstance(answer, dict) and "response" in answer:
        cold = (worker.spawn_seconds if fresh else 0.0) + float(answer.get("importSeconds") or 0)
        out.update(kind="response", response=answer["response"], coldStartSeconds=cold, imported=bool(answer.get("imported")))
        if max_bytes and (answer.get("rss") or 0) > max_bytes:
            # The attempt finished; its worker does not take another.
            worker.kill()
        _release(worker, warm.get("recycleAfter"))
        return out
    if isinstance(answer, dict):  # the host could not load the entry module
        out.update(kind="crash", message="the warm node worker could not run the task: %s" % answer.get("hostError"))
        _release(worker, warm.get("recycleAfter"))
        return out
    worker.kill()
    out["stderr"] = worker.stderr()
    out["returncode"] = worker.proc.returncode
    if answer == "timeout":
        out.update(kind="timeout", message="task ran longer than %ss; its warm node worker (pid %s) was killed and will be replaced"
                   % (timeout_s, worker.proc.pid))
    elif answer == "memory":
        out.update(kind="memory", message="warm node worker (pid %s) grew past its memory limit of %s bytes and was killed; it will be replaced"
                   % (worker.proc.pid, max_bytes))
    else:
        out.update(kind="crash", message="warm node worker (pid %s) exited with code %s during the task; it will be replaced"
                   % (worker.proc.pid, worker.proc.returncode))
    return out


def with_host(program):
    """`program` plus the warm host's source, so that it ships with it."""
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "warm_host.mjs")
    with open(path, encoding="utf-8") as f:
        text = f.read()
    return dict(program, host={"hash": hashlib.sha256(text.encode("utf-8")).hexdigest()[:32], "text": text})


def make_entry_function(program):
    """A function bound to one program (one bundle hash): what Globus Compute
    registers once and Dask ships, then calls with the request text (and,
    with a data store, where large arguments and the result go).

    It carries this module's source and the program as plain data, so any
    serializer (dill, cloudpickle) ships it by value and the remote side needs
    nothing of corral installed. The source runs once per process and stays
    in sys.modules: the warm workers live in its globals.
    """
    source = inspect.getsource(sys.modules[__name__])
    module_name = "corral_task_runner_" + hashlib.sha256(source.encode("utf-8")).hexdigest()[:16]
    from . import task_data
    data_source = inspect.getsource(task_data)
    data_name = "corral_task_data_" + hashlib.sha256(data_source.encode("utf-8")).hexdigest()[:16]

    def corral_entry(request_text, timeout_s=None, data=None):
        # Imported here: this function travels by value, without this module's globals.
        import sys
        import types

        def loaded(name, text):
            module = sys.modules.get(name)
            if module is None:
                module = types.ModuleType(name)
                exec(text, module.__dict__)
                module = sys.modules.setdefault(name, module)
            return module

        runner = loaded(module_name, source)
        if not data:
            return runner.run_entry(program, request_text, timeout_s)
        # Large arguments and results go through the endpoint's store (see task_data).
        return loaded(data_name, data_source).run_with_data(runner.run_entry, program, request_text, timeout_s, data)

    corral_entry.__name__ = "corral_entry_" + str((program.get("bundle") or {}).get("hash") or "source")[:16]
    return corral_entry
