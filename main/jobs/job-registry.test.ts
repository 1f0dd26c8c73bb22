import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { JobEvent, JobSpec } from './job-registry';
import { JobRegistry } from './job-registry';
import { JobHistory } from './job-history';
import { createLogger } from '../platform/logger';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));

function setup(now?: () => Date): { registry: JobRegistry; events: JobEvent[]; file: string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kloset-jobs-'));
  dirs.push(dir);
  const file = path.join(dir, 'jobs.sqlite');
  const registry = new JobRegistry({
    history: JobHistory.open(file, () => new Date()),
    log: createLogger({ stream: null }),
    describeError: (error) => ({ code: 'INTERNAL', message: (error as Error).message }),
    redact: (text) => text.replaceAll('hunter2', '[redacted]'),
    ...(now ? { now } : {}),
  });
  const events: JobEvent[] = [];
  registry.onEvent((event) => events.push(event));
  return { registry, events, file };
}

function gate(): { promise: Promise<void>; open: () => void } {
  let open = (): void => undefined;
  const promise = new Promise<void>((resolve) => (open = resolve));
  return { promise, open };
}

const job = (overrides: Partial<JobSpec> & Pick<JobSpec, 'run'>): JobSpec => ({ kind: 'backup', title: 'Back up', storeId: 'store-a', writesStore: true, ...overrides });

describe('the job registry', () => {
  it('runs writers of one store one after the other, and others at once', async () => {
    const { registry } = setup();
    const order: string[] = [];
    const first = gate();
    const a = registry.start(job({ run: async () => (order.push('a start'), await first.promise, order.push('a end'), {}) }));
    const b = registry.start(job({ run: async () => (order.push('b'), {}) }));
    const reader = registry.start(job({ kind: 'restore', writesStore: false, run: async () => (order.push('reader'), {}) }));
    const other = registry.start(job({ storeId: 'store-b', run: async () => (order.push('other store'), {}) }));
    await Promise.all([registry.finished(reader.id), registry.finished(other.id)]);
    expect(registry.get(b.id)?.status).toBe('queued');
    first.open();
    await registry.finished(b.id);
    expect(order).toEqual(['a start', 'reader', 'other store', 'a end', 'b']);
    expect((await registry.finished(a.id)).status).toBe('succeeded');
  });

  it('cancels a running job through its signal, and a queued one before it starts', async () => {
    const { registry } = setup();
    const running = registry.start(job({ run: (context) => new Promise((_resolve, reject) => context.signal.addEventListener('abort', () => reject(new Error('stopped')))) }));
    let queuedRan = false;
    const queued = registry.start(job({ run: async () => ((queuedRan = true), {}) }));
    expect(registry.cancel(queued.id)?.status).toBe('canceling');
    expect(registry.cancel(running.id)?.status).toBe('canceling');
    expect((await registry.finished(running.id)).status).toBe('canceled');
    expect((await registry.finished(queued.id)).status).toBe('canceled');
    expect(queuedRan).toBe(false);
  });

  it('reports a failure with its code and message, with secrets redacted', async () => {
    const { registry } = setup();
    const failed = registry.start(job({ run: async () => Promise.reject(new Error('login as bob:hunter2 refused')) }));
    expect(await registry.finished(failed.id)).toMatchObject({ status: 'failed', error: { code: 'INTERNAL', message: 'login as bob:[redacted] refused' } });
  });

  it('computes rate and a decreasing ETA, and throttles progress events', async () => {
    let clock = 0;
    const { registry, events } = setup(() => new Date(clock));
    const done = registry.start(
      job({
        run: async (context) => {
          for (let step = 0; step <= 50; step++) {
            clock += 40;
            context.progress({ bytesDone: step * 4000, bytesTotal: 200_000, filesDone: step, filesTotal: 50, currentItem: `/file-${step}` });
          }
          return { snapshotId: 'abc' };
        },
      }),
    );
    const end = await registry.finished(done.id);
    const progress = events.filter((e) => e.type === 'progress').map((e) => e.job.progress);
    expect(progress.length).toBeGreaterThan(5);
    expect(progress.length).toBeLessThanOrEqual(21);
    const etas = progress.map((p) => p.etaSeconds).filter((eta): eta is number => eta !== null);
    expect(etas.every((eta, i) => i === 0 || eta <= (etas[i - 1] as number))).toBe(true);
    expect(progress.at(-1)?.bytesPerSecond).toBeCloseTo(100_000, -3);
    expect(end).toMatchObject({ status: 'succeeded', progress: { etaSeconds: 0, filesDone: 50 } });
    expect(registry.get(done.id)?.result).toEqual({ snapshotId: 'abc' });
  });

  it('keeps warnings, logs and history across a restart, and marks interrupted jobs failed', async () => {
    const { registry, file } = setup();
    const hanging = gate();
    const done = registry.start(
      job({
        run: async (context) => {
          context.warn('/secret/hunter2.txt', 'Permission denied');
          context.log('info', 'started');
          return {};
        },
      }),
    );
    await registry.finished(done.id);
    const interrupted = registry.start(job({ storeId: 'other', run: async () => (await hanging.promise, {}) }));
    await new Promise((resolve) => setTimeout(resolve, 20));
    const reopened = JobHistory.open(file, () => new Date());
    expect(reopened.get(done.id)).toMatchObject({ status: 'succeeded', warningCount: 1, warnings: [{ path: '/secret/[redacted].txt' }], log: [{ message: 'started' }] });
    expect(reopened.get(interrupted.id)).toMatchObject({ status: 'failed', error: { message: expect.stringContaining('stopped while this job was running') } });
    hanging.open();
  });
});
