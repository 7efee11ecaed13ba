import { toDot, toGraphJson, toMermaid, type GraphSource } from '../../codegen/index.js';

const site = { file: 'images.ts', line: 1, column: 1 };
const task = (id: string) => ({ id, kind: 'method' as const, className: id.split('.')[0], member: id.split('.')[1]!, site, params: [], returns: 'string' });
const source: GraphSource = {
  tasks: [task('Images.thumbnail'), task('Images.classify')],
  workflows: [{ id: 'Images.pipeline', site, budget: { static: { usd: 2 }, dynamic: [] }, tasks: ['Images.classify', 'Images.thumbnail'] }],
  edges: [
    { kind: 'call', from: 'Images.pipeline', to: 'Images.thumbnail', via: 'this', multiplicity: 'dynamic', sizedBy: 'imgs.length', site },
    { kind: 'call', from: 'Images.pipeline', to: 'Images.classify', via: 'this', multiplicity: 1, site },
    { kind: 'data', from: 'Images.thumbnail', to: 'Images.classify', flow: 'map', within: 'Images.pipeline', multiplicity: 'dynamic', sizedBy: 'thumbs.length', site },
    { kind: 'data', from: 'Images.thumbnail', to: 'Images.classify', flow: 'variable', within: 'Images.pipeline', multiplicity: 1, site: { ...site, line: 9 } },
  ],
};

describe('graph emitters', () => {
  it('draws a Mermaid flowchart: workflow with its budget, dashed calls, merged data edges with fan-out sizes', () => {
    expect(toMermaid(source)).toBe([
      'flowchart LR',
      '  n0(["Images.pipeline<br/>budget: usd 2"])',
      '  n1["Images.thumbnail"]',
      '  n2["Images.classify"]',
      '  n0 -.->|"×imgs.length"| n1',
      '  n0 -.-> n2',
      '  n1 ==>|"map ×thumbs.length; variable"| n2',
      '',
    ].join('\n'));
  });

  it('draws the same graph in Graphviz DOT', () => {
    const dot = toDot(source);
    expect(dot.startsWith('digraph corral {\n  rankdir=LR;')).toBe(true);
    expect(dot).toContain('n0 [label="Images.pipeline\\nbudget: usd 2", shape=box, style=rounded];');
    expect(dot).toContain('n0 -> n1 [label="×imgs.length", style=dashed, penwidth=2];');
    expect(dot).toContain('n1 -> n2 [label="map ×thumbs.length; variable", penwidth=2];');
    expect(dot.trim().endsWith('}')).toBe(true);
  });

  it('emits JSON with tasks, workflows and every edge unmerged', () => {
    const json = toGraphJson(source);
    expect(json.edges).toHaveLength(4);
    expect(json.tasks.map((t) => (t as { id: string }).id)).toEqual(['Images.thumbnail', 'Images.classify']);
    expect(JSON.parse(JSON.stringify(json))).toEqual(json);
  });
});
