import { describe, expect, it } from 'vitest';
import { baseName, joinPath, parentPath, pathSegments } from './paths';

describe('snapshot paths', () => {
  it('finds the parent of a path, the root being its own parent', () => {
    expect(parentPath('/a/b')).toBe('/a');
    expect(parentPath('/a')).toBe('/');
    expect(parentPath('/')).toBe('/');
  });

  it('joins a folder and a name without doubling the slash', () => {
    expect(joinPath('/', 'a')).toBe('/a');
    expect(joinPath('/a', 'b')).toBe('/a/b');
  });

  it('names the last part and splits a path for a breadcrumb', () => {
    expect(baseName('/a/report.pdf')).toBe('report.pdf');
    expect(baseName('/')).toBe('/');
    expect(pathSegments('/a/b')).toEqual([
      { name: 'a', path: '/a' },
      { name: 'b', path: '/a/b' },
    ]);
  });
});
