// Entry of a LocalEndpoint worker process (mode: process): one attempt at a
// time over IPC with structured clone ('advanced' serialization).
import { register } from 'tsx/esm/api';

register();
const { executeTask } = await import('./execute-task.ts');

process.on('message', async (request) => {
  const reply = await executeTask(request);
  process.send(reply);
});
process.send({ ready: true });
