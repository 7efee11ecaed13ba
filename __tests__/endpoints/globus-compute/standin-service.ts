// Sets up the stand-in globus_compute_sdk's local "service" for a test.
import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DASK_PYTHON } from '../../../sdk/bridge/index.js';

export const STANDIN_PATH = fileURLToPath(new URL('../../fixtures/globus_compute_sdk', import.meta.url));

export interface StandinService {
  readonly dir: string;
  /** Environment for the bridge: the stand-in on PYTHONPATH, the service directory. */
  readonly env: Record<string, string>;
  setEndpoint(id: string, status: 'online' | 'offline', workers?: number): void;
  registrations(): number;
  /** Sets GLOBUS_COMPUTE_CLIENT_ID/SECRET in this process to the accepted ones, until remove(). */
  exportCredentials(): void;
  /** Deletes the service directory and restores the credentials exportCredentials() replaced. */
  remove(): void;
  /** An entry of endpoints.yaml's `endpoints:` for a globus-compute endpoint on this stand-in (Debian's python, this service). */
  endpointYaml(name: string, endpointId: string, options: { database: string; store?: string }): string;
}

/** A stand-in service accepting `clientId`/`clientSecret`. */
export function standinService(clientId: string, clientSecret: string): StandinService {
  const dir = mkdtempSync(join(tmpdir(), 'corral-gc-standin-'));
  const endpoints: Record<string, { status: string; workers: number }> = {};
  const write = () => writeFileSync(join(dir, 'service.json'), JSON.stringify({ clientId, clientSecret, endpoints }));
  write();
  let restore: (() => void) | undefined;
  return {
    dir,
    env: { PYTHONPATH: STANDIN_PATH, CORRAL_GC_STANDIN_DIR: dir },
    setEndpoint(id, status, workers = 2) { endpoints[id] = { status, workers }; write(); },
    registrations() {
      const file = join(dir, 'registrations.jsonl');
      return existsSync(file) ? readFileSync(file, 'utf8').trim().split('\n').filter(Boolean).length : 0;
    },
    exportCredentials() {
      const saved = { GLOBUS_COMPUTE_CLIENT_ID: process.env.GLOBUS_COMPUTE_CLIENT_ID, GLOBUS_COMPUTE_CLIENT_SECRET: process.env.GLOBUS_COMPUTE_CLIENT_SECRET };
      restore ??= () => {
        for (const [name, value] of Object.entries(saved)) {
          if (value === undefined) delete process.env[name];
          else process.env[name] = value;
        }
      };
      process.env.GLOBUS_COMPUTE_CLIENT_ID = clientId;
      process.env.GLOBUS_COMPUTE_CLIENT_SECRET = clientSecret;
    },
    endpointYaml(name, endpointId, { database, store }) {
      return `  ${name}:
    kind: globus-compute
    endpointId: ${endpointId}
    python: ${DASK_PYTHON}
    database: ${database}
    env: { PYTHONPATH: "${STANDIN_PATH}", CORRAL_GC_STANDIN_DIR: "${dir}" }
${store ? `    store: ${store}\n` : ''}`;
    },
    remove() {
      rmSync(dir, { recursive: true, force: true });
      restore?.();
      restore = undefined;
    },
  };
}
