"""Contract check between corral's globus-compute engine, the stand-in
globus_compute_sdk and the recorded upstream API (upstream_api.json).

Usage: contract_check.py UPSTREAM_JSON ENGINE_SOURCE  (stand-in on PYTHONPATH)
Prints {"problems": [...]}: each names what is used or defined that upstream lacks.
"""
import ast
import importlib
import inspect
import json
import sys


def stand_in_problems(api):
    problems = []
    for module_name in ("globus_compute_sdk", "globus_compute_sdk.errors", "globus_sdk"):
        module = importlib.import_module(module_name)
        for name in api[module_name]:
            if not hasattr(module, name):
                problems.append("stand-in %s lacks %s" % (module_name, name))
    import globus_compute_sdk as gc
    from globus_compute_sdk import errors
    from globus_compute_sdk.compute_future import ComputeFuture
    where = {"Executor": gc.Executor, "Client": gc.Client, "ShellFunction": gc.ShellFunction, "ShellResult": gc.ShellResult,
             "ComputeFuture": ComputeFuture}
    for name in ("TaskExecutionFailed", "MaxResultSizeExceeded", "SerializationError", "DeserializationError", "TaskPending"):
        where[name] = getattr(errors, name)
    for key, expected in api["signatures"].items():
        owner, _, member = key.partition(".")
        target = getattr(where[owner], member) if member else where[owner]
        actual = str(inspect.signature(target))
        if actual.replace(" ", "") != expected.replace(" ", ""):
            problems.append("signature of %s: stand-in %s, upstream %s" % (key, actual, expected))
    return problems


def engine_problems(api, source):
    """Names the engine uses on globus_compute_sdk objects that upstream does not have."""
    problems = []
    tree = ast.parse(source)
    imported = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module in ("globus_compute_sdk", "globus_compute_sdk.errors"):
            for alias in node.names:
                if alias.name not in api[node.module]:
                    problems.append("engine imports %s from %s, which upstream does not export" % (alias.name, node.module))
                imported[alias.asname or alias.name] = alias.name
    receivers = {"self.client": ("clientAttributes", "Client"), "self.executor": ("executorAttributes", "Executor"),
                 "f": ("futureAttributes", "ComputeFuture"), "future": ("futureAttributes", "ComputeFuture"),
                 "globus_sdk": ("globus_sdk", "globus_sdk")}
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute):
            owner = ast.unparse(node.value)
            if owner in receivers:
                listing, label = receivers[owner]
                if node.attr not in api[listing]:
                    problems.append("engine uses %s.%s, which upstream %s does not have" % (owner, node.attr, label))
        if isinstance(node, ast.Call):
            callee = ast.unparse(node.func)
            key = imported.get(callee, None)
            if callee.startswith("self.client.") or callee.startswith("self.executor."):
                key = ("Client." if callee.startswith("self.client.") else "Executor.") + callee.rsplit(".", 1)[1]
            if key in api["signatures"]:
                params = [p.strip() for p in api["signatures"][key].strip("()").split(",")]
                named = {p.split("=")[0] for p in params if not p.startswith("*")}
                var_kw = any(p.startswith("**") for p in params)
                for kw in node.keywords:
                    # Executor raises TypeError and Client warns on unknown keywords.
                    if kw.arg and kw.arg not in named and (not var_kw or key in ("Executor", "Client")):
                        problems.append("engine passes %s= to %s, which upstream does not accept" % (kw.arg, key))
    return problems


def main():
    api = json.load(open(sys.argv[1], encoding="utf-8"))
    source = open(sys.argv[2], encoding="utf-8").read()
    print(json.dumps({"problems": stand_in_problems(api) + engine_problems(api, source)}))


if __name__ == "__main__":
    main()
