"""Runs one corral task under `node` by the entry protocol, on whatever machine
the engine chose (a Dask worker, a Globus Compute endpoint, a local process).

Every function here is self-contained (imports inside) because engines ship it
by value to machines where corral is not installed.
"""

# Environment variables never passed on to a task's `node` process.
SECRET_ENV = ("GLOBUS_COMPUTE_CLIENT_SECRET",)


def run_entry(program, request_text, timeout_s=None):
    """Runs `program` (argv, cwd, optional bundle text) with `request_text` on
    stdin; returns a JSON-safe dict with the entry response line and facts."""
    import os
    import socket
    import subprocess
    import tempfile
    import time

    marker = "@@corral-response@@"
    started = time.time()
    argv = list(program["argv"])
    bundle = program.get("bundle")
    if bundle:
        cache = os.path.join(tempfile.gettempdir(), "corral-bundles")
        os.makedirs(cache, exist_ok=True)
        path = os.path.join(cache, bundle["hash"] + ".mjs")
        if not os.path.exists(path):
            # Write then rename: concurrent tasks on one host (threads or
            # processes) may race here, so each writes its own temporary file.
            fd, tmp = tempfile.mkstemp(dir=cache, suffix=".tmp")
            with os.fdopen(fd, "w", encoding="utf-8") as f:
                f.write(bundle["text"])
            os.replace(tmp, path)
        argv.append(path)
    # corral sends its one secret list with the program; SECRET_ENV covers an older corral.
    secret = program.get("secretEnv") or {}
    names = set(secret.get("names") or SECRET_ENV)
    suffixes = tuple(secret.get("suffixes") or ())
    env = {k: v for k, v in os.environ.items() if k.upper() not in names and not (suffixes and k.upper().endswith(suffixes))}
    env.update(program.get("env") or {})
    out = {"host": socket.gethostname(), "pid": os.getpid(), "startedAt": started * 1000}
    try:
        proc = subprocess.run(
            argv, input=request_text.encode("utf-8"), stdout=subprocess.PIPE, stderr=subprocess.PIPE,
            cwd=program.get("cwd") or None, env=env, timeout=timeout_s,
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
    at = stdout.rfind(marker)
    out["returncode"] = proc.returncode
    out["stderr"] = proc.stderr[-4000:].decode("utf-8", "replace")
    if at < 0:
        out.update(kind="crash", message="node exited with code %s without a response" % proc.returncode,
                   stdout=stdout[-2000:])
        return out
    out["kind"] = "response"
    out["response"] = stdout[at + len(marker):].split("\n", 1)[0]
    return out


def make_entry_function(program):
    """A function bound to one program (one bundle hash): what Globus Compute
    registers once and Dask ships, then calls with just the request text.

    It carries this module's source and the program as plain data, so any
    serializer (dill, cloudpickle) ships it by value and the remote side needs
    nothing of corral installed.
    """
    import inspect
    import sys

    source = inspect.getsource(sys.modules[__name__])

    def corral_entry(request_text, timeout_s=None):
        scope = {"__name__": "corral_task_runner"}
        exec(source, scope)
        return scope["run_entry"](program, request_text, timeout_s)

    corral_entry.__name__ = "corral_entry_" + str((program.get("bundle") or {}).get("hash") or "source")[:16]
    return corral_entry
