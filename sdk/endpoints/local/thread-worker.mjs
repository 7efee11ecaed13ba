// Entry of a LocalEndpoint worker thread (piscina). Plain JS so it loads without
// a TypeScript loader; it then registers tsx for the task modules it imports.
import { register } from 'tsx/esm/api';

register();
const { executeTask } = await import('./execute-task.ts');

export default executeTask;
