import { describe, expect, it } from 'vitest';
import { ApiError } from '../../shared/api-errors';
import { CatalogError } from '../catalog';
import { KlosetError } from '../kloset';
import { describeError, mapError } from './error-mapping';

describe('error mapping', () => {
  it('maps engine codes to API codes and keeps their messages', () => {
    expect(mapError(new KlosetError('LOCKED', 'The store is in use: backup of /home.'))).toEqual(new ApiError('STORE_IN_USE', 'The store is in use: backup of /home.'));
    expect(mapError(new KlosetError('AMBIGUOUS', 'snapshot prefix 3f is ambiguous'))?.code).toBe('BAD_REQUEST');
    expect(mapError(new KlosetError('AUTH_EXPIRED', 'Reconnect Dropbox.'))?.code).toBe('AUTH_EXPIRED');
    expect(mapError(new CatalogError('NOT_FOUND', 'No such snapshot.'))?.code).toBe('NOT_FOUND');
  });

  it('hides the details of unexpected errors', () => {
    expect(mapError(new TypeError('x is undefined'))).toBeNull();
    expect(describeError(new TypeError('x is undefined'))).toEqual({ code: 'INTERNAL', message: expect.not.stringContaining('undefined') });
  });
});
