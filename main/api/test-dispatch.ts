import os from 'node:os';
import path from 'node:path';
import fs from 'node:fs';
import { createServices, type Services } from '../services';

/** Real services over a fresh temporary data folder, with logs kept off the test output. */
export function createTestServices(): Services & { cleanup(): void } {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kloset-test-'));
  const services = createServices({ runtime: 'headless', dataDir, logStream: null });
  return { ...services, cleanup: () => fs.rmSync(dataDir, { recursive: true, force: true }) };
}
