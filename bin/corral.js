#!/usr/bin/env node
// The corral command runs from TypeScript sources through tsx, so a user's own
// decorated .ts files load with the same loader as corral itself.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../sdk/cli/main.ts');
await main(process.argv);
