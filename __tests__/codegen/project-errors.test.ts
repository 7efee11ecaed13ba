import { join } from 'node:path';
import { openProject, ProjectError } from '../../codegen/index.js';
import { fixtures } from './tmp-project.js';

describe('opening a project to extract', () => {
  it('names a missing tsconfig or entry file', () => {
    expect(() => openProject({ root: fixtures, tsconfig: 'nope.json' })).toThrow(ProjectError);
    expect(() => openProject({ root: fixtures, tsconfig: 'nope.json' })).toThrow(`tsconfig ${join(fixtures, 'nope.json')} does not exist`);
    expect(() => openProject({ root: fixtures, files: ['images/missing.ts'] })).toThrow(`entry file ${join(fixtures, 'images', 'missing.ts')} does not exist`);
    let caught: unknown;
    try { openProject({ root: fixtures, files: ['x.ts'] }); } catch (e) { caught = e; }
    expect((caught as ProjectError | undefined)?.code).toBe('CORRAL_PROJECT_NOT_FOUND');
  });
});
