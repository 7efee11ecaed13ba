#!/usr/bin/env node
// Copies the files corral loads by path at run time (worker entries, the Python
// bridge, price tables) next to the compiled JS in dist/: tsc emits only .ts.
import { cpSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const SKIP = /\.ts$|__pycache__|\.pyc$/;

function copyAssets(dir) {
  for (const name of readdirSync(dir)) {
    const file = join(dir, name);
    if (SKIP.test(name)) continue;
    if (statSync(file).isDirectory()) copyAssets(file);
    else cpSync(file, join(root, 'dist', relative(root, file)));
  }
}

for (const top of ['sdk', 'codegen']) copyAssets(join(root, top));
