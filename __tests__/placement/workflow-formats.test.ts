import { readFileSync } from 'node:fs';
import { readWorkflowFile, WorkflowFormatError } from '../../sdk/index.js';
import { readDax, readManifest, readWfFormat } from '../../sdk/placement/index.js';
import { fixtures } from './helpers.js';

describe('workflow readers', () => {
  it('reads the HEFT paper DAX: 10 jobs, 15 edges carrying the files the parent writes and the child reads', () => {
    const g = readWorkflowFile(`${fixtures}HEFT_paper.xml`);
    expect(g.size).toBe(10);
    expect(g.edgeCount).toBe(15);
    expect(g.successors('ID00001').get('ID00002')).toEqual({ bytes: 2250 });
    expect(g.node('ID00009')).toMatchObject({ type: 'heft_task', baseSeconds: 18, inputBytes: 0 });
  });

  it('reads WfFormat 1.5 (Montage, 58 tasks) with runtimes from the execution section and outside inputs', () => {
    const g = readWorkflowFile(`${fixtures}montage-chameleon-2mass-005d-001.json`);
    expect(g.size).toBe(58);
    const first = g.node('mProject_ID0000001');
    expect(first).toMatchObject({ type: 'mProject', baseSeconds: 16.712, dataLocation: 'origin' });
    expect(first.inputBytes).toBeGreaterThan(1_000_000);
    expect([...g.successors('mProject_ID0000001').keys()]).toEqual(expect.arrayContaining(['mDiffFit_ID0000005', 'mBackground_ID0000013']));
    expect(() => g.topologicalOrder()).not.toThrow();
  });

  it('names the file and place of what is wrong', () => {
    const doc = JSON.parse(readFileSync(`${fixtures}epigenomics-chameleon-hep-1seq-100k-001.json`, 'utf8'));
    doc.workflow.execution.tasks.shift();
    expect(() => readWfFormat(doc, 'epi.json')).toThrow(/^epi\.json: workflow\.execution\.tasks \(task [\w.]+, specification\.tasks\[\d+\]\): no runtimeInSeconds/);
    expect(() => readDax('<adag><job id="a" runtime="x"/></adag>', 'bad.xml')).toThrow(WorkflowFormatError);
    expect(() => readDax('<adag><job id="a" runtime="x"/></adag>', 'bad.xml')).toThrow('bad.xml: <job id="a"> runtime: must be a number of seconds (got "x")');
    expect(() => readDax('<adag><job id="a" runtime="1"/><child ref="a"><parent ref="zz"/></child></adag>', 'bad.xml')).toThrow(/names unknown job "zz"/);
  });
});

describe('corral manifests', () => {
  const site = { file: 'images.ts', line: 3, column: 3 };
  const task = (id: string, member: string, remote: Record<string, unknown> = {}) => ({
    id, kind: 'method', className: 'Images', member, site, params: [], returns: 'Promise<void>', remote: { static: remote, dynamic: [] },
  });
  const manifest = {
    format: 'corral-manifest', version: 1, root: '/app', inputsHash: 'h', sources: [],
    tasks: [task('Images.thumbnail', 'thumbnail'), task('Images.classify', 'classify', { memoryGiB: 4 })],
    workflows: [{ id: 'Images.pipeline', site, tasks: ['Images.thumbnail', 'Images.classify'] }],
    edges: [
      { kind: 'call', from: 'Images.pipeline', to: 'Images.thumbnail', via: 'this', multiplicity: 'dynamic', sizedBy: 'imgs.length', site },
      { kind: 'data', from: 'Images.thumbnail', to: 'Images.classify', flow: 'map', within: 'Images.pipeline', multiplicity: 'dynamic', site },
    ],
    bundles: [],
  };

  it('reads tasks, data edges and resource needs, with a prior run time', () => {
    const g = readManifest(manifest, 'manifest.json', 2);
    expect(g.ids().sort()).toEqual(['Images.classify', 'Images.thumbnail']);
    expect([...g.successors('Images.thumbnail').keys()]).toEqual(['Images.classify']);
    expect(g.node('Images.classify')).toMatchObject({ baseSeconds: 2, requires: { memoryGiB: 4 } });
  });

  it('refuses a foreign or broken manifest, naming the field', () => {
    expect(() => readManifest({ ...manifest, version: 9 }, 'm.json')).toThrow(/m\.json.*manifest version 9/);
    expect(() => readManifest({ ...manifest, tasks: [{ id: 1 }] }, 'm.json')).toThrow(/field "tasks\.0\./);
  });
});
