// A whole session from endpoints.yaml: a Globus Compute endpoint with `store:`
// naming a redis store on a real redis-server (127.0.0.1), and a workflow call
// whose 20 MB Float64Array argument and result pass the 10 MB cap through it.
// Against the stand-in globus_compute_sdk: the Globus cloud is unreachable here.
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { Corral } from '../../../sdk/index.js';
import { startLocalRedis, type LocalRedis } from '../../../sdk/data/index.js';
import { DataTasks } from './fixtures/data-tasks.js';
import { eventually } from './fixtures/eventually.js';
import { standinService, type StandinService } from './standin-service.js';

const EP = '7a6b5c4d-3e2f-4a1b-8c9d-0e1f2a3b4c5d';
let service: StandinService;
let redis: LocalRedis;
let dir: string;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'corral-gc-store-run-'));
  service = standinService('corral-client', 'corral-test-secret-Run4');
  service.setEndpoint(EP, 'online', 2);
  service.exportCredentials();
  redis = await startLocalRedis();
});
afterAll(async () => {
  await redis?.stop();
  service?.remove();
  rmSync(dir, { recursive: true, force: true });
});

const sha = (x: Float64Array) => createHash('sha256').update(new Uint8Array(x.buffer, x.byteOffset, x.byteLength)).digest('hex');

it('Globus Compute stand-in: Corral.open connects the store: of endpoints.yaml and a 20 MB argument and result pass through redis', async () => {
  const file = join(dir, 'endpoints.yaml');
  writeFileSync(file, `stores:
  campus: { connector: redis, url: "${redis.url}", keyPrefix: "run:" }
endpoints:
${service.endpointYaml('hpc', EP, { database: join(dir, 'corral.db'), store: 'campus' })}`);
  const x = new Float64Array(2_500_000).map((_, i) => i - 0.5);
  const corral = await Corral.open({ endpoints: file, journal: false });
  const raw = new Redis(redis.url);
  try {
    const y = await corral.run(DataTasks, 'scale', x, 4);
    expect(y).toBeInstanceOf(Float64Array);
    expect(sha(y)).toBe(sha(x.map((v) => v * 4)));
    // Both went through redis (the endpoint's only way past the cap), and neither is left there once read.
    // 3 chunks of 8 MiB each way.
    expect((await raw.info('commandstats')).match(/cmdstat_hset:calls=(\d+)/)?.[1]).toBe('6');
    expect(await eventually(async () => (await raw.keys('run:*')).length === 0)).toBe(true);
  } finally {
    raw.disconnect();
    await corral.close();
  }
}, 180_000);
