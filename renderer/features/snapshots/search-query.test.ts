import { describe, expect, it } from 'vitest';
import { toQuery } from './SearchPanel';

describe('the search form as a query', () => {
  it('leaves empty fields out and turns MiB and whole days into bytes and instants', () => {
    const query = toQuery({ name: ' report ', folder: '', minMiB: '1.5', maxMiB: '', from: '2025-05-01', to: '2025-05-02', isAllStores: false });
    expect(query).toEqual({
      name: 'report',
      minSize: 1.5 * 1024 * 1024,
      modifiedFrom: new Date('2025-05-01T00:00:00').toISOString(),
      modifiedTo: new Date('2025-05-02T23:59:59').toISOString(),
    });
  });
});
