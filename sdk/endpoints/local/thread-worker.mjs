// Entry of a LocalEndpoint worker thread (piscina). Plain JS so it loads without
// a TypeScript loader.
import { existsSync } from 'node:fs';

// From corral's sources (a checkout) this entry needs tsx for corral itself;
// compiled corral (dist/) loads as plain JS, and tsx is registered only when a
// task module is TypeScript.
if (!existsSync(new URL('./execute-task.js', import.meta.url))) {
  const { register } = await import('tsx/esm/api');
  register();
  globalThis[Symbol.for('corral.tsx-registered')] = true;
}
const { executeTask } = await import('./execute-task.js');

export default executeTask;
