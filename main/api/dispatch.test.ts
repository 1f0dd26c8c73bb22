import { afterEach, describe, expect, it } from 'vitest';
import { ApiError } from '../../shared/api-errors';
import { createLogger } from '../platform/logger';
import { createAppHandlers } from './app-handlers';
import { createDispatch, type Handlers } from './dispatch';
import { createTestServices } from './test-dispatch';

const direct = { transport: 'direct' } as const;
const quiet = createLogger({ stream: null });

function handlersWith(overrides: Partial<Handlers>): Handlers {
  const services = createTestServices();
  cleanups.push(services.cleanup);
  const base = createAppHandlers({
    runtime: 'headless',
    appVersion: '0.0.0-test',
    electronVersion: null,
    dataDir: services.dataDir,
    settings: services.settings,
    events: services.events,
    rclone: async () => ({ path: null, version: null, problem: 'not asked in these tests' }),
  });
  return { ...base, ...overrides } as Handlers;
}
const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

describe('dispatch', () => {
  it('answers a known method with its result', async () => {
    const services = createTestServices();
    cleanups.push(services.cleanup);
    const envelope = await services.dispatch('settings.get', {}, direct);
    expect(envelope).toEqual({ ok: true, result: services.settings.get() });
  });

  it('refuses methods that are not in the contract, including inherited object members', async () => {
    const services = createTestServices();
    cleanups.push(services.cleanup);
    for (const name of ['nope.nothing', 'constructor', '__proto__', 'toString']) {
      const envelope = await services.dispatch(name, {}, direct);
      expect(envelope).toMatchObject({ ok: false, error: { code: 'UNKNOWN_METHOD' } });
    }
  });

  it('refuses invalid params with BAD_REQUEST naming the field, before any handler runs', async () => {
    let handlerRan = false;
    const dispatch = createDispatch(
      handlersWith({
        'settings.set': () => {
          handlerRan = true;
          throw new Error('must not run');
        },
      }),
      quiet,
    );
    const envelope = await dispatch('settings.set', { theme: 'purple' }, direct);
    expect(envelope).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    expect(!envelope.ok && envelope.error.message).toContain('theme');
    expect(await dispatch('settings.set', { unknownKey: 1 }, direct)).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    expect(await dispatch('settings.set', 'not an object', direct)).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    expect(handlerRan).toBe(false);
  });

  it('passes an ApiError through with its code and message', async () => {
    const dispatch = createDispatch(
      handlersWith({
        'settings.get': () => {
          throw new ApiError('STORE_LOCKED', 'Open the store with its passphrase first.');
        },
      }),
      quiet,
    );
    expect(await dispatch('settings.get', {}, direct)).toEqual({
      ok: false,
      error: { code: 'STORE_LOCKED', message: 'Open the store with its passphrase first.' },
    });
  });

  it('reports an unexpected error as INTERNAL without its message or stack', async () => {
    const dispatch = createDispatch(
      handlersWith({
        'settings.get': () => {
          throw new Error('secret internal detail at /home/user/file.ts:12');
        },
      }),
      quiet,
    );
    const envelope = await dispatch('settings.get', {}, direct);
    expect(envelope).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
    expect(JSON.stringify(envelope)).not.toContain('secret internal detail');
    expect(JSON.stringify(envelope)).not.toContain('file.ts');
  });

  it('uses the error mapper for errors of lower layers', async () => {
    const dispatch = createDispatch(
      handlersWith({
        'settings.get': () => {
          throw Object.assign(new Error('wrong passphrase'), { code: 'WRONG' });
        },
      }),
      quiet,
      (error) => (error instanceof Error && (error as Error & { code?: string }).code === 'WRONG' ? new ApiError('WRONG_PASSPHRASE', 'That passphrase does not open this store.') : null),
    );
    expect(await dispatch('settings.get', {}, direct)).toMatchObject({ ok: false, error: { code: 'WRONG_PASSPHRASE' } });
  });
});
