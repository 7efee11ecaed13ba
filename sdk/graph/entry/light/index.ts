// The task-side runtime a codegen bundle carries in place of corral: the
// decorators only record which code is a task, nothing is validated, placed
// or priced. `import { remote } from 'corral'` in a task module resolves here.
export { remote, federated, costBudget, workflow, passOn } from './light-decorators.js';
