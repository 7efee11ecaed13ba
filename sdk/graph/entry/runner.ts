// `node --import tsx sdk/graph/entry/runner.ts < request.json`: runs one task of
// a source module by the entry protocol. Bundles built by codegen embed the
// same protocol with their module inlined.
import { pathToFileURL } from 'node:url';
import { entryMain } from './entry-protocol.js';

await entryMain(async (module) => (await import(pathToFileURL(module).href)) as Record<string, unknown>);
