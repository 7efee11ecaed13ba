// Every parameter of a journal write passes through redactArguments: secrets
// leave texts, stored values and named rows; a write that holds none goes
// through untouched, as the very array it came in.
import { deserialize, serialize } from 'node:v8';
import { redactArguments } from '../../sdk/runtime/journal/redact-arguments.js';
import { REDACTED } from '../../sdk/secrets/index.js';

const secret = 'tok-9f8e7d6c5b4a';
const secrets = [secret, 'another-secret-value'];

test('a write whose parameters hold no secret is passed on as the same array', () => {
  const args = ['r-1', 'c1', 3, null, 'T.noop:h:1', 0.25, serialize(42), serialize('a plain result'), 'tok'];
  expect(redactArguments(args, secrets)).toBe(args);
  expect(redactArguments(args, [])).toBe(args);
  const named = [{ id: 'r-1', workflow: 'W.run', args: serialize([1, 2]) }];
  expect(redactArguments(named, secrets)).toBe(named);
});

test('a secret in a text, in a stored value (Latin-1 or UTF-16) or in a named row is redacted; the other parameters stay', () => {
  const utf16 = `€ ${secret} €`;
  const out = redactArguments(['c1', 7, `failed with ${secret}`, serialize({ token: secret }), serialize([utf16]), null], secrets);
  expect(out[0]).toBe('c1');
  expect(out[1]).toBe(7);
  expect(out[2]).toBe(`failed with ${REDACTED}`);
  expect(deserialize(out[3] as Buffer)).toEqual({ token: REDACTED });
  expect(deserialize(out[4] as Buffer)).toEqual([`€ ${REDACTED} €`]);
  expect(out[5]).toBeNull();
  const [row] = redactArguments([{ id: 'r-1', config: `{"key":"${secret}"}`, n: 1 }], secrets) as Array<Record<string, unknown>>;
  expect(row).toEqual({ id: 'r-1', config: `{"key":"${REDACTED}"}`, n: 1 });
});
