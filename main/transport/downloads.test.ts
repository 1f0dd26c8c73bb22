import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHttpTransport, createToken } from './http';
import { createTestApi, type TestApi } from '../api/test-api';

describe('downloads in the browser build', () => {
  let api: TestApi;
  let origin: string;
  let close: () => Promise<void>;
  let storeId: string;
  let snapshotId: string;
  beforeAll(async () => {
    api = createTestApi();
    const source = api.folder('source');
    fs.mkdirSync(path.join(source, 'docs'));
    fs.writeFileSync(path.join(source, 'docs', 'letter.txt'), 'Dear reader,\n');
    fs.writeFileSync(path.join(source, 'docs', 'photo.jpg'), Buffer.alloc(5000, 7));
    storeId = (await api.call('stores.create', { name: 'Downloads', location: api.folder('store'), encryption: 'none' })).id;
    await api.jobEnd((await api.call('backups.start', { storeId, sources: [source] })).jobId);
    snapshotId = (await api.call('snapshots.list', { storeId })).items[0]?.id ?? '';
    const downloads = api.services.downloads;
    if (!downloads) throw new Error('the headless services serve downloads');
    const transport = await startHttpTransport({ dispatch: api.services.dispatch, events: api.services.events, log: api.services.log, token: createToken(), staticDir: null, downloads });
    origin = `http://127.0.0.1:${transport.port}`;
    close = () => transport.close();
  });
  afterAll(async () => {
    await close();
    await api.cleanup();
  });

  it('serves a file once through a one-time link, with its name', async () => {
    const { url, fileName } = await api.call('downloads.create', { storeId, snapshotId, path: '/docs/letter.txt' });
    expect(fileName).toBe('letter.txt');
    const response = await fetch(`${origin}${url}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-disposition')).toBe("attachment; filename*=UTF-8''letter.txt");
    expect(await response.text()).toBe('Dear reader,\n');
    expect((await fetch(`${origin}${url}`)).status).toBe(404);
  });

  it('serves a folder as a zip', async () => {
    const { url, fileName } = await api.call('downloads.create', { storeId, snapshotId, path: '/docs' });
    expect(fileName).toBe('docs.zip');
    const body = Buffer.from(await (await fetch(`${origin}${url}`)).arrayBuffer());
    expect(body.subarray(0, 2).toString()).toBe('PK');
    expect(body.includes(Buffer.from('docs/letter.txt'))).toBe(true);
    expect(body.includes(Buffer.from('docs/photo.jpg'))).toBe(true);
    expect(body.includes(Buffer.from('Dear reader,\n'))).toBe(true);
  });

  it('refuses made-up links', async () => {
    expect((await fetch(`${origin}/api/download/not-a-real-ticket-at-all`)).status).toBe(404);
  });
});
