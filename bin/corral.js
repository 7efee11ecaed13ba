#!/usr/bin/env node
// The corral command. An installed corral runs its compiled JavaScript (dist/);
// a checkout of corral's sources (sdk/*.ts present) runs them through tsx, so
// editing a source needs no build. Either way a user's own .ts script is loaded
// through tsx by `corral run` only.
import { existsSync } from 'node:fs';

const sources = new URL('../sdk/cli/main.ts', import.meta.url);
let main;
if (existsSync(sources)) {
  const { register } = await import('tsx/esm/api');
  register();
  globalThis[Symbol.for('corral.tsx-registered')] = true;
  ({ main } = await import(sources.href));
} else {
  ({ main } = await import('../dist/sdk/cli/main.js'));
}
await main(process.argv);
