import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { extract, formatDiagnostics, hasErrors, type ExtractResult } from '../../codegen/index.js';

const here = fileURLToPath(new URL('.', import.meta.url));
const root = join(here, '..', 'fixtures', 'codegen');
const file = join(root, 'bad', 'bad.ts');
let result: ExtractResult;

beforeAll(() => {
  result = extract({ root, files: [file] });
});

const at = (code: string) => result.diagnostics.filter((d) => d.code === code).map((d) => `${d.severity} ${d.line}:${d.column}`);
const message = (code: string) => result.diagnostics.find((d) => d.code === code)!.message;

describe('codegen diagnostics on the bad fixture', () => {
  it('places every diagnostic at file:line:column with its stable code', () => {
    expect(result.diagnostics.every((d) => d.file === file)).toBe(true);
    expect(hasErrors(result.diagnostics)).toBe(true);
  });

  it('CORRAL1001: instance state written (error) and read (warning) by a remote method', () => {
    expect(at('CORRAL1001')).toEqual(['error 15:5', 'warning 16:12']);
    expect(message('CORRAL1001')).toContain('task Bad.bump writes instance state this.count');
  });

  it('CORRAL1002: a function parameter and a class instance with methods as result', () => {
    expect(at('CORRAL1002')).toEqual(['error 20:15', 'error 25:16', 'error 59:13', 'error 59:27']);
    const [param, result2] = result.diagnostics.filter((d) => d.code === 'CORRAL1002');
    expect(param!.message).toContain('parameter fn of task Bad.apply is a function');
    expect(result2!.message).toContain('result of task Bad.box is an instance of class Box with methods (double)');
  });

  it('CORRAL1002: a symbol parameter and a Promise of an object holding a function', () => {
    const more = result.diagnostics.filter((d) => d.code === 'CORRAL1002' && d.line > 55);
    expect(more.map((d) => `${d.line}:${d.column}`)).toEqual(['59:13', '59:27']);
    expect(more[0]!.message).toContain('parameter key of task More.tag is a symbol');
    expect(more[1]!.message).toContain('result of task More.tag has a field run that is a function (() => void)');
  });

  it('CORRAL1003: a decorator on a property and on a method of a class workers cannot load', () => {
    expect(at('CORRAL1003')).toEqual(['error 29:3', 'error 50:3']);
    expect(result.diagnostics.filter((d) => d.code === 'CORRAL1003').map((d) => d.message)).toEqual([
      '@remote cannot decorate property label: only methods can be tasks (wrap a function with remote(options, fn))',
      '@remote on Hidden.secret: class Hidden must be exported so workers can load it',
    ]);
  });

  it('CORRAL1004 and CORRAL1005: option literals checked with the run-time option table and its messages', () => {
    expect(at('CORRAL1004')).toEqual(['error 32:13']);
    expect(message('CORRAL1004')).toBe('@remote on Bad.negative: option "retries" must be an integer between 0 and 100 (got -1)');
    expect(at('CORRAL1005')).toEqual(['error 36:13']);
    expect(message('CORRAL1005')).toMatch(/option "retrys" is not a known option \(did you mean "retries"\?\)/);
  });

  it('CORRAL1006: tasks calling each other in a cycle', () => {
    expect(at('CORRAL1006')).toHaveLength(1);
    expect(message('CORRAL1006')).toMatch(/Bad\.(ping -> Bad\.pong -> Bad\.ping|pong -> Bad\.ping -> Bad\.pong)/);
  });

  it('CORRAL1007: a zero-joule workflow budget that always makes a call', () => {
    expect(at('CORRAL1007')).toEqual(['error 46:9']);
    expect(message('CORRAL1007')).toContain('budget of workflow Bad.run is smaller than the cheapest possible plan: joules: 0');
  });

  it('CORRAL1008: remote(options, fn) on an anonymous function without a name', () => {
    expect(at('CORRAL1008')).toEqual(['error 55:32']);
    expect(message('CORRAL1008')).toContain("remote({ name: 'anon' }, fn)");
  });

  it('prints diagnostics the way tsc does, with a summary', () => {
    const text = formatDiagnostics(result.diagnostics, root);
    const lines = text.trim().split('\n');
    expect(lines[0]).toBe('bad/bad.ts:15:5 - error CORRAL1001: task Bad.bump writes instance state this.count: each call runs on a fresh instance on its endpoint, so the write is lost; pass it as an argument or return it');
    expect(lines.at(-1)).toBe('Found 12 errors and 1 warning.');
    for (const line of lines.slice(0, -2)) expect(line).toMatch(/^bad\/bad\.ts:\d+:\d+ - (error|warning) CORRAL\d{4}: /);
  });
});
