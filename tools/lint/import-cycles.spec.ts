import { join } from 'node:path';
import { importCycles, importGraph } from './import-graph';

const root = join(__dirname, '../..');

describe('import circles', () => {
  it('finds a circle, however long, and a file importing itself, but not a diamond', () => {
    const graph = new Map([
      ['a.ts', ['b.ts']],
      ['b.ts', ['c.ts', 'd.ts']],
      ['c.ts', ['a.ts']],
      ['d.ts', ['e.ts']],
      ['e.ts', []],
      ['f.ts', ['f.ts']],
      ['g.ts', ['d.ts', 'e.ts']],
    ]);
    expect(importCycles(graph)).toEqual([['a.ts', 'b.ts', 'c.ts'], ['f.ts']]);
  });

  it('resolves path aliases and type-only imports like tsc', () => {
    const graph = importGraph(root, ['libs/application/src']);
    expect(graph.get('libs/application/src/state-cache.ts')).toEqual(['libs/domain/src/index.ts']);
  });

  it('are none in the repository: no file reaches itself through its imports', () => {
    const graph = importGraph(root, ['apps', 'libs', 'test', 'bench', 'tools']);
    expect(graph.size).toBeGreaterThan(100);
    expect(importCycles(graph)).toEqual([]);
  });
});
