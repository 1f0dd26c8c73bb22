import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { httpCall, openTestSocket, startTestServer, type TestServer, type TestSocket } from './test-transport';

/** The same calls, through dispatch, HTTP and WebSocket, give the same envelopes. */
describe('transport parity', () => {
  let server: TestServer;
  let socket: TestSocket;
  beforeAll(async () => {
    server = await startTestServer();
    socket = await openTestSocket(server);
  });
  afterAll(async () => {
    socket.close();
    await server.close();
  });

  const calls: Array<[string, unknown]> = [
    ['app.info', {}],
    ['settings.get', {}],
    ['settings.set', { theme: 'light' }],
    ['settings.set', { theme: 'no such theme' }],
    ['settings.set', { launchAtLogin: 'sometimes' }],
    ['nothing.here', {}],
    ['constructor', {}],
  ];

  it.each(calls)('%s answers the same on every transport', async (method, params) => {
    const direct = await server.services.dispatch(method, params, { transport: 'direct' });
    const overHttp = await httpCall(server, method, params);
    const overWs = await socket.call(method, params);
    expect(overHttp).toEqual(direct);
    expect(overWs).toEqual(direct);
  });

  it('delivers events to WebSocket clients', async () => {
    const before = socket.events.length;
    await httpCall(server, 'settings.set', { theme: 'dark' });
    await expect.poll(() => socket.events.slice(before)).toContainEqual({
      name: 'settings.changed',
      payload: expect.objectContaining({ theme: 'dark' }),
    });
  });
});
