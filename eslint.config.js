import { dirname, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const root = dirname(fileURLToPath(import.meta.url));

// The layers of sdk/, lowest first: a folder imports only folders in lower layers, and only
// through their index.ts (docs/contributing.md draws the picture). Folders in one layer do not
// import each other. `(sdk)` is sdk/index.ts, the public API.
const layers = [
  ['errors', 'secrets'], ['database'], ['decorators'], ['graph'], ['bridge'], ['endpoints', 'data'], ['pricing', 'profiling'],
  ['placement'], ['federated'], ['runtime'], ['report'], ['cli'], ['(sdk)'],
];
const rank = new Map(layers.flatMap((names, k) => names.map((n) => [n, k])));
const below = (k) => layers.slice(0, k).flat().join(', ') || '(nothing)';
// Outside sdk/: what codegen may use of the library (it runs at build time, beside graph).
const codegenMay = new Set(['errors', 'decorators', 'graph']);

/** Where a path lives: { top: 'sdk'|'codegen'|'bench'|..., folder: sdk folder or '(sdk)' }. */
function place(file) {
  const parts = relative(root, file).split(sep);
  if (parts[0] !== 'sdk') return { top: parts[0], folder: undefined };
  return { top: 'sdk', folder: parts.length === 2 ? '(sdk)' : parts[1] };
}

const layersRule = {
  meta: { type: 'problem', docs: { description: 'sdk/ folders import only lower layers, through their index.ts' }, schema: [] },
  create(context) {
    const from = place(context.filename);
    if (from.top !== 'sdk' && from.top !== 'codegen') return {};
    const check = (node) => {
      const source = node.source?.value;
      if (typeof source !== 'string' || !source.startsWith('.')) return;
      const target = resolve(dirname(context.filename), source.replace(/\.js$/, '.ts'));
      const to = place(target);
      const where = relative(root, target);
      if (to.top === 'bench') {
        context.report({ node, message: `${relative(root, context.filename)} imports ${where} at module load: sdk/ and codegen/ never import bench/ statically (the CLI's bench command loads it with import())` });
        return;
      }
      if (to.top !== 'sdk' || (from.top === 'sdk' && to.folder === from.folder)) return;
      // A folder's surfaces: index.ts, and task-side.ts where code running inside workers needs a lighter one.
      if (to.folder !== '(sdk)' && where !== `sdk${sep}${to.folder}${sep}index.ts` && where !== `sdk${sep}${to.folder}${sep}task-side.ts`) {
        context.report({ node, message: `import "${source}" reaches into sdk/${to.folder}/ past its index.ts: import from sdk/${to.folder}/index.ts (export what is needed there)` });
        return;
      }
      if (from.top === 'codegen') {
        if (!codegenMay.has(to.folder)) context.report({ node, message: `codegen/ may import only sdk/${[...codegenMay].join(', sdk/')} (got sdk/${to.folder})` });
        return;
      }
      const a = rank.get(from.folder);
      const b = rank.get(to.folder);
      if (a === undefined) { context.report({ node, message: `sdk/${from.folder}/ is not in the layer list of eslint.config.js: add it` }); return; }
      if (b === undefined || b >= a) {
        context.report({ node, message: `sdk/${from.folder} may not import sdk/${to.folder}: dependencies point down the layers, and sdk/${from.folder} may import only ${below(a)} (docs/contributing.md, "Layers")` });
      }
    };
    return { ImportDeclaration: check, ExportNamedDeclaration: check, ExportAllDeclaration: check };
  },
};

export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', 'docs/api/', 'coverage/', '.corral/', 'artifacts/', 'reports/', '**/*.py'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly', setImmediate: 'readonly', performance: 'readonly', Buffer: 'readonly', structuredClone: 'readonly', queueMicrotask: 'readonly', setInterval: 'readonly', clearInterval: 'readonly' } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      'no-restricted-syntax': ['error',
        { selector: "CallExpression[callee.property.name='only'][callee.object.name=/^(it|test|describe)$/]", message: 'no .only in committed tests' },
        { selector: "CallExpression[callee.property.name='skip'][callee.object.name=/^(it|test|describe)$/]", message: 'no .skip in committed tests' }],
    },
  },
  {
    files: ['sdk/**/*.ts', 'codegen/**/*.ts'],
    plugins: { corral: { rules: { layers: layersRule } } },
    rules: { 'corral/layers': 'error' },
  },
);
