import fs from 'node:fs';
import path from 'node:path';
import { expect } from 'vitest';
import type { Envelope } from '../../shared/api-errors';
import type { EventName, MethodName, Params, Result } from '../../shared/api';
import type { JobSummary } from '../../shared/types/jobs';
import type { ServicesConfig } from '../services';
import { createTestServices } from './test-dispatch';

/** The API as a test drives it: typed calls through `dispatch`, and the events it sends. */
export interface TestApi {
  readonly services: ReturnType<typeof createTestServices>;
  readonly events: Array<{ name: EventName; payload: unknown }>;
  call<M extends MethodName>(method: M, params: Params<M>): Promise<Result<M>>;
  /** Expects the call to fail with `code`; returns the message. */
  fails(method: MethodName, params: unknown, code: string): Promise<string>;
  /** Waits for a job to end and returns how it ended. */
  jobEnd(jobId: string): Promise<JobSummary>;
  /** A fresh folder under the test's scratch space. */
  folder(name: string): string;
  cleanup(): Promise<void>;
}

export function createTestApi(config: Partial<ServicesConfig> = {}): TestApi {
  const services = createTestServices(config);
  const events: Array<{ name: EventName; payload: unknown }> = [];
  services.events.subscribe((name, payload) => events.push({ name, payload }));
  const scratch = fs.mkdtempSync(path.join(services.dataDir, '..', 'kloset-api-scratch-'));
  const dispatch = (method: string, params: unknown): Promise<Envelope<unknown>> => services.dispatch(method, params, { transport: 'direct' });
  return {
    services,
    events,
    async call(method, params) {
      const envelope = await dispatch(method, params);
      if (!envelope.ok) throw new Error(`${method} failed: ${envelope.error.code} ${envelope.error.message}`);
      return envelope.result as Result<typeof method>;
    },
    async fails(method, params, code) {
      const envelope = await dispatch(method, params);
      expect(envelope.ok, `${method} should fail with ${code}`).toBe(false);
      if (envelope.ok) return '';
      expect(envelope.error.code, envelope.error.message).toBe(code);
      return envelope.error.message;
    },
    jobEnd: (jobId) => services.jobs.finished(jobId),
    folder(name) {
      const dir = path.join(scratch, name);
      fs.mkdirSync(dir, { recursive: true });
      return dir;
    },
    async cleanup() {
      await services.cleanup();
      fs.rmSync(scratch, { recursive: true, force: true });
    },
  };
}
