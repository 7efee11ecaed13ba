import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';
import { BRIDGE_SCRIPT } from '../../../sdk/bridge/index.js';
import { DASK_PYTHON } from '../../../sdk/bridge/index.js';
import { STANDIN_PATH } from './standin-service.js';

const CHECK = fileURLToPath(new URL('./contract_check.py', import.meta.url));
const UPSTREAM = join(STANDIN_PATH, 'upstream_api.json');
const ENGINE = join(BRIDGE_SCRIPT, '..', 'corral_bridge_engines', 'globus_compute_engine.py');

async function check(upstream: string, engine: string): Promise<string[]> {
  const { stdout } = await execa(DASK_PYTHON, [CHECK, upstream, engine], { env: { PYTHONPATH: STANDIN_PATH } });
  return (JSON.parse(stdout) as { problems: string[] }).problems;
}

async function python(code: string): Promise<string> {
  const { stdout } = await execa(DASK_PYTHON, ['-c', code], { env: { PYTHONPATH: STANDIN_PATH } });
  return stdout.trim();
}

// The stand-in globus_compute_sdk against the recorded upstream 4.15 API, and corral's engine against both.
describe('stand-in globus_compute_sdk contract', () => {
  let dir: string;
  beforeAll(() => { dir = mkdtempSync(join(tmpdir(), 'corral-contract-')); });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('matches upstream names and signatures, and the engine uses nothing upstream lacks', async () => {
    expect(await check(UPSTREAM, ENGINE)).toEqual([]);
  });

  it('flags an engine that uses names or arguments upstream does not have', async () => {
    const bad = join(dir, 'bad_engine.py');
    writeFileSync(bad, [
      'from globus_compute_sdk import Client, Executor, Batch',
      'class E:',
      '    def open(self):',
      '        self.executor = Executor(endpoint_id="x", container_id="y")',
      '        self.executor.map_batch([])',
      '        self.client.get_endpoint_health("x")',
    ].join('\n'));
    const problems = await check(UPSTREAM, bad);
    expect(problems).toEqual(expect.arrayContaining([
      expect.stringContaining('imports Batch'), expect.stringContaining('container_id= to Executor'),
      expect.stringContaining('self.executor.map_batch'), expect.stringContaining('self.client.get_endpoint_health'),
    ]));
  });

  it('flags a stand-in whose signatures drift from upstream', async () => {
    const api = JSON.parse(readFileSync(UPSTREAM, 'utf8')) as { signatures: Record<string, string> };
    api.signatures['Executor.shutdown'] = '(self, wait=True, cancel_futures=False)';
    const drifted = join(dir, 'upstream.json');
    writeFileSync(drifted, JSON.stringify(api));
    expect(await check(drifted, ENGINE)).toEqual([expect.stringContaining('signature of Executor.shutdown')]);
  });

  it('raises upstream\'s errors on bad constructor arguments', async () => {
    const out = await python([
      'import os, json, tempfile',
      'd = tempfile.mkdtemp(); os.environ["CORRAL_GC_STANDIN_DIR"] = d',
      'json.dump({"clientId": "c", "clientSecret": "s", "endpoints": {}}, open(os.path.join(d, "service.json"), "w"))',
      'os.environ["GLOBUS_COMPUTE_CLIENT_ID"] = "c"; os.environ["GLOBUS_COMPUTE_CLIENT_SECRET"] = "s"',
      'from globus_compute_sdk import Executor, Client',
      'res = []',
      'for make in (lambda: Executor(bogus=1), lambda: Executor(resource_specification=[1]), lambda: Executor(user_endpoint_config="x"),',
      '             lambda: Executor(endpoint_id="not-a-uuid"), lambda: Client(app=1, authorizer=2)):',
      '    try: make(); res.append("ok")',
      '    except Exception as e: res.append(type(e).__name__ + ": " + str(e))',
      'gce = Executor()',
      'try: gce.submit_to_registered_function("f")',
      'except Exception as e: res.append(type(e).__name__ + ": " + str(e).splitlines()[0])',
      'print(json.dumps(res))',
    ].join('\n'));
    expect(JSON.parse(out)).toEqual([
      "TypeError: 'bogus' is an invalid argument for Executor",
      'TypeError: Resource specification must be of type dict,not list',
      'TypeError: Config must be of type dict, not str',
      'ValueError: badly formed hexadecimal UUID string',
      "ValueError: 'app', 'authorizer' and 'login_manager' are mutually exclusive.",
      'ValueError: No endpoint_id set.  Did you forget to set it at construction?',
    ]);
  });

  it('has the endpoint status JSON shape of upstream', async () => {
    const api = JSON.parse(readFileSync(UPSTREAM, 'utf8')) as { endpointStatus: { details: string[] } };
    const out = await python([
      'import os, json, tempfile',
      'd = tempfile.mkdtemp(); os.environ["CORRAL_GC_STANDIN_DIR"] = d',
      'json.dump({"clientId": "c", "clientSecret": "s", "endpoints": {"e": {"status": "online", "workers": 3}}}, open(os.path.join(d, "service.json"), "w"))',
      'os.environ["GLOBUS_COMPUTE_CLIENT_ID"] = "c"; os.environ["GLOBUS_COMPUTE_CLIENT_SECRET"] = "s"',
      'from globus_compute_sdk import Client',
      'print(json.dumps(Client(do_version_check=False).get_endpoint_status("e")))',
    ].join('\n'));
    const status = JSON.parse(out) as { status: string; details: Record<string, unknown> };
    expect(status.status).toBe('online');
    expect(Object.keys(status.details).sort()).toEqual([...api.endpointStatus.details].sort());
    expect(status.details.total_workers).toBe(3);
  });
});
