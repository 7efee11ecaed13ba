import { chmodSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { BridgeProcess, decodeBridgeMessage, type BridgeMessage } from '../../sdk/bridge/index.js';
import { tempDir } from '../runtime/helpers.js';
import { FUZZ_TIMEOUT_MS, fuzzParameters } from './fuzz-settings.js';

// Lines shaped like the bridge's messages, with fields missing, mistyped or extra.
const field = fc.oneof(fc.constant(undefined), fc.constant(null), fc.integer(), fc.double(), fc.string(), fc.boolean(), fc.dictionary(fc.string(), fc.jsonValue()), fc.array(fc.jsonValue()));
const messageLike = fc.record({
  type: fc.oneof(fc.constantFrom('hello', 'heartbeat', 'reply', 'result', 'toString', '__proto__'), fc.string()),
  id: field, ok: fc.oneof(fc.boolean(), field), data: field, error: fc.oneof(field, fc.record({ code: field, message: field, name: field })),
  endpoint: fc.oneof(fc.string(), field), task: fc.oneof(fc.string(), field), protocol: field, python: fc.oneof(fc.constantFrom('3.11.2', '2.7'), field),
  executable: field, engines: field, run: fc.oneof(field, fc.record({ kind: fc.oneof(fc.constantFrom('response', 'timeout', 'crash'), field), response: field, stderr: field, host: field })),
}, { requiredKeys: [] });
const line = fc.oneof(fc.string(), fc.jsonValue().map((v) => JSON.stringify(v)), messageLike.map((m) => JSON.stringify(m)));

/** What corral's bridge client dereferences in each message: must not throw on a decoded one. */
function useLikeTheClient(m: BridgeMessage): string {
  switch (m.type) {
    case 'hello': return `${m.python.split('.').map(Number).join('.')} ${Object.keys(m.engines).length}`;
    case 'reply': return m.ok ? Object.keys(m.data).join() : `${m.error.code} ${m.error.message.slice(0)} ${m.error.hint ?? ''}`;
    case 'result': return m.error ? `${m.error.code} ${m.error.message.slice(0)}` : `${m.run!.kind.toUpperCase()} ${m.run!.stderr?.slice(-10) ?? ''}`;
    default: return m.type;
  }
}

describe('bridge messages (sdk/bridge decodeBridgeMessage)', () => {
  test('any line decodes to a message the client can use, or to a named problem; a malformed reply or result still settles', () => {
    fc.assert(fc.property(line, (text) => {
      const decoded = decodeBridgeMessage(text);
      if ('message' in decoded) {
        useLikeTheClient(decoded.message);
        return;
      }
      expect(decoded.problem).toMatch(/^(not JSON|field "type"|\w+ message: field ")/);
      if (decoded.instead) {
        useLikeTheClient(decoded.instead);
        expect(['reply', 'result']).toContain(decoded.instead.type);
      }
    }), fuzzParameters(3000));
  }, FUZZ_TIMEOUT_MS);

  test.each([
    ['null', 'field "type" is missing'],
    ['{"type":"reply","id":3,"ok":false}', 'reply message: field "error"'],
    ['{"type":"result","endpoint":"e","task":"t"}', 'must carry "run" or "error"'],
    ['{"type":"hello","protocol":1,"python":7,"executable":"x","engines":{}}', 'hello message: field "python"'],
    ['{"type":"result","endpoint":"e","task":"t","run":{"kind":"crash","stderr":5}}', 'result message: field "run.stderr"'],
  ])('regression: %s used to reach the client undecoded (a TypeError in its stdout handler); now: %s', (text, problem) => {
    const decoded = decodeBridgeMessage(text);
    expect('problem' in decoded && decoded.problem).toContain(problem);
  });

  test('a malformed reply with an id fails that request instead of leaving it waiting', () => {
    const decoded = decodeBridgeMessage('{"type":"reply","id":3,"ok":false,"error":"boom"}');
    expect('instead' in decoded && decoded.instead).toMatchObject({ type: 'reply', id: 3, ok: false, error: { code: 'BAD_MESSAGE' } });
  });
});

test('a real bridge process that writes null and a reply without its error: the request fails with a named error, corral keeps running', async () => {
  // A stand-in bridge program (node, not Python) that speaks the handshake, then damaged lines.
  const fake = join(tempDir(), 'fake-bridge.mjs');
  writeFileSync(fake, `#!/usr/bin/env node
import { createInterface } from 'node:readline';
const out = (m) => process.stdout.write(JSON.stringify(m) + '\\n');
out({ type: 'hello', protocol: 1, pid: process.pid, python: '3.11.2', executable: 'fake', engines: { process: { available: true } } });
createInterface({ input: process.stdin }).on('line', (line) => {
  const { id, op } = JSON.parse(line);
  if (op === 'shutdown') process.exit(0);
  process.stdout.write('null\\n');
  out({ type: 'reply', id, ok: false });
});
`);
  chmodSync(fake, 0o755);
  const logged: string[] = [];
  const bridge = await BridgeProcess.start({ python: fake, log: (l) => logged.push(l) });
  try {
    await expect(bridge.request('ping', {}, 10)).rejects.toThrow(/the bridge sent a malformed reply message: field "error"/);
    expect(logged.some((l) => l.includes('non-protocol line on bridge stdout (field "type" is missing'))).toBe(true);
    expect(bridge.alive).toBe(true);
  } finally {
    await bridge.shutdown().catch(() => bridge.kill());
  }
});
