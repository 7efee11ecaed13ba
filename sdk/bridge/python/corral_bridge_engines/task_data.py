"""The task side of corral's data stores for remote endpoints (Globus Compute).

Arguments the client put in a store arrive as references: they are read from
the store (a shared path, or a Redis server through the `redis` package),
digest checked, and turned back into the entry request's JSON before `node`
runs the task. A response too large to send back is written to the store in
corral's data format and replaced by its reference.

Like task_runner, this module ships by source to machines where corral is not
installed: the standard library only, and `redis` imported only for a redis
store. The data format is sdk/data/value-codec.ts's:

  "CRLD" | u32 LE header length | header JSON | pad to 8 | part 0 | pad to 8 | part 1 ...
  header = {"v": 1, "nonce", "value": wire JSON, "parts": [{"type", "offset", "bytes"}]}
"""

import base64
import hashlib
import json
import os
import socket
import struct
import time
import uuid

MAGIC = 0x444C5243
PART = "\u0000corral-part:"
BINARY = {"Int8Array", "Uint8Array", "Uint8ClampedArray", "Int16Array", "Uint16Array", "Int32Array", "Uint32Array",
          "Float32Array", "Float64Array", "BigInt64Array", "BigUint64Array", "ArrayBuffer"}
_REDIS = {}


class DataLost(Exception):
    """A stored argument is missing or damaged: (ref, where, reason)."""
    def __init__(self, ref, where, reason):
        Exception.__init__(self, reason)
        self.ref, self.where, self.reason = ref, where, reason


def align(n):
    return (n + 7) // 8 * 8


def wire_of(blob):
    """corral's data format -> the wire JSON value the entry request carries."""
    magic, length = struct.unpack_from("<II", blob, 0)
    if magic != MAGIC:
        raise ValueError("not in corral's data format (bad magic)")
    header = json.loads(bytes(blob[8:8 + length]).decode("utf-8"))
    base = align(8 + length)
    prefix = PART + header["nonce"] + ":"
    parts = header["parts"]

    def walk(v):
        if isinstance(v, str):
            if v.startswith(prefix):
                p = parts[int(v[len(prefix):])]
                raw = blob[base + p["offset"]:base + p["offset"] + p["bytes"]]
                return {"$corral": p["type"], "b64": base64.b64encode(raw).decode("ascii")}
            return v
        if isinstance(v, list):
            return [walk(x) for x in v]
        if isinstance(v, dict):
            return {k: walk(x) for k, x in v.items()}
        return v

    return walk(header["value"])


def object_of(wire):
    """The wire JSON value of a response -> corral's data format (binary parts raw)."""
    nonce = uuid.uuid4().hex[:24]
    prefix = PART + nonce + ":"
    raws = []

    def take(v):
        if isinstance(v, list):
            return [take(x) for x in v]
        if not isinstance(v, dict):
            return v
        tag = v.get("$corral")
        if tag in BINARY and isinstance(v.get("b64"), str) and len(v) == 2:
            raws.append((tag, base64.b64decode(v["b64"])))
            return prefix + str(len(raws) - 1)
        if tag == "object" and isinstance(v.get("v"), dict):
            # The user's own object (it has a "$corral" key): its keys are data, not tags.
            return {"$corral": "object", "v": {k: take(x) for k, x in v["v"].items()}}
        return {k: take(x) for k, x in v.items()}

    skeleton = take(wire)
    parts, offset = [], 0
    for tag, raw in raws:
        parts.append({"type": tag, "offset": offset, "bytes": len(raw)})
        offset = align(offset + len(raw))
    header = json.dumps({"v": 1, "nonce": nonce, "value": skeleton, "parts": parts}, separators=(",", ":")).encode("utf-8")
    data = align(8 + len(header))
    total = data + parts[-1]["offset"] + parts[-1]["bytes"] if parts else 8 + len(header)
    out = bytearray(total)
    struct.pack_into("<II", out, 0, MAGIC, len(header))
    out[8:8 + len(header)] = header
    for p, (_, raw) in zip(parts, raws):
        out[data + p["offset"]:data + p["offset"] + p["bytes"]] = raw
    return bytes(out)


def verified(ref, blob, where):
    if len(blob) != ref["bytes"]:
        raise DataLost(ref, where, "damaged at %s: %d bytes, expected %d" % (where, len(blob), ref["bytes"]))
    digest = "sha256:" + hashlib.sha256(blob).hexdigest()
    if digest != ref["digest"]:
        raise DataLost(ref, where, "damaged at %s: %s differs from the expected %s" % (where, digest, ref["digest"]))
    return blob


class FileConnector:
    """A folder every machine of the site sees: `<path>/<id[:2]>/<id>.corral`."""
    def __init__(self, store):
        self.store = store
        self.root = store["path"]

    def path_of(self, ref_id):
        return os.path.join(self.root, ref_id[:2], ref_id + ".corral")

    def read(self, ref):
        path = self.path_of(ref["id"])
        try:
            with open(path, "rb") as f:
                blob = f.read()
        except FileNotFoundError:
            raise DataLost(ref, path, 'not in store "%s" at %s' % (self.store["name"], path))
        return verified(ref, blob, path)

    def write(self, ref_id, blob):
        path = self.path_of(ref_id)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        temp = "%s.%d.%s.tmp" % (path, os.getpid(), uuid.uuid4().hex[:12])
        with open(temp, "wb") as f:
            f.write(blob)
            f.flush()
            os.fsync(f.fileno())
        os.replace(temp, path)


class RedisConnector:
    """A Redis server: an object is a hash of chunks `0`, `1`, ... under `<keyPrefix><id>`, written in one MULTI."""
    def __init__(self, store):
        import redis  # only where a redis store is used: Debian python3-redis, or pip's redis

        self.store = store
        self.prefix = store.get("keyPrefix") or "corral:data:"
        self.chunk = int(store.get("chunkBytes") or 8 << 20)
        key = json.dumps(store, sort_keys=True)
        client = _REDIS.get(key)
        if client is None:
            password = os.environ.get(store["passwordEnv"]) if store.get("passwordEnv") else None
            if store.get("url"):
                client = redis.Redis.from_url(store["url"], password=password)
            elif store.get("socket"):
                client = redis.Redis(unix_socket_path=store["socket"], db=store.get("db") or 0, password=password)
            else:
                client = redis.Redis(host=store.get("host") or "127.0.0.1", port=store.get("port") or 6379,
                                     db=store.get("db") or 0, password=password)
            client = _REDIS.setdefault(key, client)
        self.client = client

    def read(self, ref):
        key = self.prefix + ref["id"]
        where = "redis key %s" % key
        n = self.client.hlen(key)
        if n == 0:
            raise DataLost(ref, where, 'not in store "%s" at %s' % (self.store["name"], where))
        chunks = self.client.hmget(key, [str(i) for i in range(n)])
        if any(c is None for c in chunks):
            raise DataLost(ref, where, "damaged at %s: chunks missing" % where)
        return verified(ref, b"".join(chunks), where)

    def write(self, ref_id, blob):
        key = self.prefix + ref_id
        tx = self.client.pipeline(transaction=True)
        tx.delete(key)
        view = memoryview(blob)
        for i, at in enumerate(range(0, max(len(blob), 1), self.chunk)):
            tx.hset(key, str(i), bytes(view[at:at + self.chunk]))
        tx.execute()


def connector(store):
    if store.get("connector") == "file":
        return FileConnector(store)
    if store.get("connector") == "redis":
        return RedisConnector(store)
    raise ValueError("store %r: unknown connector %r (known: file, redis)" % (store.get("name"), store.get("connector")))


def run_with_data(run_entry, program, request_text, timeout_s, data):
    """Runs one request whose large arguments and result go through the store."""
    started = time.time()
    try:
        if data.get("args"):
            store = connector(data["store"])
            request = json.loads(request_text)
            for item in data["args"]:
                request["args"][item["index"]] = wire_of(store.read(item["ref"]))
            request_text = json.dumps(request, separators=(",", ":"))
    except DataLost as e:
        return {"kind": "data-lost", "host": socket.gethostname(), "pid": os.getpid(), "startedAt": started * 1000,
                "endedAt": time.time() * 1000, "message": e.reason, "lost": {"ref": e.ref, "where": e.where, "reason": e.reason}}
    run = run_entry(program, request_text, timeout_s)
    if run.get("kind") != "response" or len(run.get("response") or "") <= int(data["resultOverBytes"]):
        return run
    response = json.loads(run["response"])
    if not response.get("ok"):
        return run
    # Connected only now: small calls never need the store (nor, for redis, the redis package).
    store = connector(data["store"])
    blob = object_of(response["value"])
    ref = {"id": data.get("resultId") or str(uuid.uuid4()), "bytes": len(blob), "digest": "sha256:" + hashlib.sha256(blob).hexdigest(),
           "store": data["store"]["name"], "site": data["store"].get("site") or data["store"]["name"]}
    if data.get("producer"):
        ref["producer"] = data["producer"]
    store.write(ref["id"], blob)
    response["value"] = None
    response["valueRef"] = ref
    run["response"] = json.dumps(response, separators=(",", ":"))
    return run
