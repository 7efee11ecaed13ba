import { existsSync } from 'node:fs';
import { dirname, join, resolve, sep } from 'node:path';
import { Project, ts, type ResolutionHostFactory } from 'ts-morph';
import { CORRAL_SDK, OWN_TYPES_EXTENSION } from '../corral-paths.js';
import { ProjectError } from './project-error.js';

/**
 * Where extraction reads the project from.
 *
 * @example
 * ```ts
 * const source: ProjectSource = { root: '/app', files: ['/app/main.ts'] };
 * ```
 */
export interface ProjectSource {
  /** Project root: paths in the manifest are relative to it. */
  readonly root: string;
  /** tsconfig.json to read files and options from (default: `root/tsconfig.json` when no `files`). */
  readonly tsconfig?: string;
  /** Entry files; their imports are followed. When given, the tsconfig's file list is ignored. */
  readonly files?: readonly string[];
}

/**
 * Opens the project with only what extraction needs: an explicit lib, no
 * ambient `@types` packages, no emit.
 *
 * @example
 * ```ts
 * const project = openProject({ root: '/app', files: ['/app/main.ts'] });
 * ```
 */
export function openProject(source: ProjectSource): Project {
  const root = resolve(source.root);
  const tsconfig = source.tsconfig ? resolve(root, source.tsconfig) : findTsconfig(root);
  if (source.tsconfig && !existsSync(tsconfig!)) throw new ProjectError(`tsconfig ${tsconfig} does not exist`);
  if (!source.files?.length && !tsconfig) {
    throw new ProjectError(`no files given and no tsconfig.json in ${root} or above: name entry files (corral build main.ts) or a tsconfig (--project)`);
  }
  for (const f of source.files ?? []) {
    if (!existsSync(resolve(root, f))) throw new ProjectError(`entry file ${resolve(root, f)} does not exist`);
  }
  const overrides: ts.CompilerOptions = { noEmit: true, types: [], skipLibCheck: true, allowJs: false };
  const project = new Project({
    ...(tsconfig && existsSync(tsconfig) ? { tsConfigFilePath: tsconfig } : {}),
    skipAddingFilesFromTsConfig: Boolean(source.files?.length),
    compilerOptions: overrides,
    resolutionHost: extractionResolution,
  });
  // Without an explicit lib TypeScript loads the DOM typings too.
  const options = project.compilerOptions.get();
  if (!options.lib || options.lib.length === 0) project.compilerOptions.set({ lib: [defaultLib(options.target)] });
  if (source.files?.length) {
    for (const f of source.files) project.addSourceFileAtPath(resolve(root, f));
    project.resolveSourceFileDependencies();
  }
  return project;
}

const CORRAL_INDEX = join(CORRAL_SDK, `index${OWN_TYPES_EXTENSION}`);
const CORRAL_DECORATORS = join(CORRAL_SDK, 'decorators') + sep;
const NODE_MODULES = `${sep}node_modules${sep}`;

/**
 * Module resolution that loads what extraction needs and nothing more: the
 * project's own files and corral's decorators. corral's other modules and
 * third-party packages are not parsed (their types read as \`any\`), which is
 * where most of a type check's time and memory go.
 */
const extractionResolution: ResolutionHostFactory = (host, getOptions) => ({
  resolveModuleNames(names, containingFile) {
    const fromCorral = resolve(containingFile).startsWith(CORRAL_SDK);
    return names.map((name) => {
      const found = ts.resolveModuleName(name, containingFile, getOptions(), host).resolvedModule;
      if (!found) return undefined;
      const file = resolve(found.resolvedFileName);
      if (file === CORRAL_INDEX) return { ...found, resolvedFileName: join(CORRAL_DECORATORS, `index${OWN_TYPES_EXTENSION}`), extension: OWN_TYPES_EXTENSION === '.ts' ? ts.Extension.Ts : ts.Extension.Dts };
      if (fromCorral) return file.startsWith(CORRAL_DECORATORS) ? found : undefined;
      if (file.startsWith(CORRAL_SDK)) return found;
      return file.includes(NODE_MODULES) ? undefined : found;
    });
  },
});

function findTsconfig(start: string): string | undefined {
  for (let dir = start; ; dir = dirname(dir)) {
    const candidate = join(dir, 'tsconfig.json');
    if (existsSync(candidate)) return candidate;
    if (dirname(dir) === dir) return undefined;
  }
}

function defaultLib(target: ts.ScriptTarget | undefined): string {
  const year = target === undefined || target >= ts.ScriptTarget.ESNext ? 2023 : Math.max(2015, Math.min(2023, 2013 + target));
  return `lib.es${year}.d.ts`;
}
