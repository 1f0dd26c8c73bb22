import os from 'node:os';
import path from 'node:path';
import fs from 'node:fs';
import { createServices, type Services, type ServicesConfig } from '../services';

/** Real services over a fresh temporary data folder, with logs kept off the test output. */
export function createTestServices(config: Partial<ServicesConfig> = {}): Services & { cleanup(): Promise<void> } {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kloset-test-'));
  const services = createServices({ runtime: 'headless', dataDir, logStream: null, maxStartDelaySeconds: 0, ...config });
  return {
    ...services,
    async cleanup() {
      await services.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
