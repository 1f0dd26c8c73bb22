import { describe, expect, it } from 'vitest';
import { typedFolder } from './LocalFolderField';

describe('the folder that path completion lists', () => {
  it('is what was typed up to the last separator, on any system', () => {
    expect(typedFolder('/home/an')).toBe('/home/');
    expect(typedFolder('/')).toBe('/');
    expect(typedFolder('C:\\Users\\An')).toBe('C:\\Users\\');
    expect(typedFolder('Documents')).toBeNull();
  });
});
