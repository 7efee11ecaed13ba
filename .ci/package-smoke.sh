#!/usr/bin/env bash
# Installs corral as a user would and runs a workflow with it: packs the package
# (npm pack builds dist/), installs the tarball into a fresh project under a
# temporary folder, scaffolds it with `corral init`, then checks that
#   - `npx corral run main.ts` runs the workflow (TypeScript's default decorators),
#   - the project's unit test passes (`npm test`),
#   - a task that throws is reported at its source line, and `corral resume` finishes the run,
#   - `tsc` checks only the user's code and plain `node` runs the compiled JS,
#   - a project without "type": "module" gets the exact fix,
#   - corral/federated without tfjs names the package to install.
# Needs only the npm registry. Prints tarball size, install time and node_modules size.
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d "${TMPDIR:-/tmp}/corral-package-XXXXXX")"
trap 'rm -rf "$work"' EXIT
fail() { echo "package-smoke: FAIL: $*" >&2; exit 1; }

cd "$repo"
tarball="$work/$(npm pack --silent --pack-destination "$work" | tail -1)"
tar_bytes=$(stat -c %s "$tarball")
tar_files=$(tar tzf "$tarball" | wc -l)
tar tzf "$tarball" | grep -qE '^package/(__tests__|bench|examples)/' && fail "the tarball holds tests, benchmarks or examples"

app="$work/app"
mkdir "$app" && cd "$app"
npm init -y >/dev/null
start=$(date +%s)
npm install --no-audit --no-fund --loglevel=error "$tarball" >/dev/null
install_s=$(( $(date +%s) - start ))
modules_mb=$(du -sm node_modules | cut -f1)
[ -d node_modules/@tensorflow ] && fail "tfjs was installed for a project without federated learning"

code=$(node --input-type=module -e "const m = await import('corral/federated'); await m.useWasmBackend().catch((e) => console.log(e.code));")
[ "$code" = "CORRAL_FL_PACKAGE_MISSING" ] || fail "corral/federated without tfjs gave: $code"

npx corral init >/dev/null
out=$(npx corral run main.ts)
[ "$out" = "total area: 68" ] || fail "corral run main.ts printed: $out"
npm test >/dev/null 2>&1 || fail "the scaffolded unit test failed"

# A task that throws: the error names its source line and how to finish the run; after the fix,
# `corral resume` (the newest run) loads the TypeScript workflow and runs only the failed call.
cp tasks/shapes.ts "$work/shapes.ts"
sed -i 's/^    return width \* height;/    if (width === 6) throw new Error(`bad width ${width}`);\n&/' tasks/shapes.ts
if err=$(npx corral run main.ts 2>&1); then fail "a run whose task throws succeeded"; fi
grep -q "Error: bad width 6 (at tasks/shapes.ts:[0-9]*:[0-9]*)" <<<"$err" || fail "a task's error did not name its source line: $err"
grep -q "corral resume r-" <<<"$err" || fail "a failed run did not say how to resume it: $err"
cp "$work/shapes.ts" tasks/shapes.ts
out=$(npx corral resume 2>&1) || fail "corral resume failed: $out"
grep -q "done: 2 call(s) taken from the journal, 1 run now; result: 68" <<<"$out" || fail "corral resume printed: $out"

# As the docs say: npm install (the TypeScript corral init declared), then npm run build.
grep -q '"typescript"' package.json || fail "corral init did not declare typescript"
npm install --no-audit --no-fund --loglevel=error >/dev/null
npm run build >/dev/null || fail "npm run build failed"
out=$(node dist/main.js)
[ "$out" = "total area: 68" ] || fail "node dist/main.js printed: $out"
npx tsc --noEmit --listFilesOnly | grep -v '/node_modules/' | grep -q 'main.ts' || fail "tsc did not check main.ts"

npm pkg set type=commonjs
if err=$(npx corral run main.ts 2>&1); then fail "a CommonJS project ran without the module type fix"; fi
grep -q 'add "type": "module" to' <<<"$err" || fail "a CommonJS project got: $err"

echo "package-smoke: ok: tarball $((tar_bytes / 1024)) KiB, $tar_files files; install ${install_s} s; node_modules ${modules_mb} MB"
