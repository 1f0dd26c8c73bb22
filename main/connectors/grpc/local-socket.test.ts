import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { listenPrivately } from './local-socket';

const connect = (address: string): Promise<net.Socket> =>
  new Promise((resolve, reject) => {
    const socket = net.connect(address, () => resolve(socket));
    socket.once('error', reject);
  });

describe.skipIf(process.platform === 'win32')('the private unix socket of a plugin (not on Windows, which uses a named pipe)', () => {
  it('lives in a folder only its owner can enter and accepts exactly one connection', async () => {
    const listener = await listenPrivately();
    const address = listener.target.slice('unix:'.length);
    expect(fs.statSync(path.dirname(address)).mode & 0o777).toBe(0o700);
    const accepted = listener.accept(5000);
    const client = await connect(address);
    const socket = await accepted;
    expect(fs.existsSync(path.dirname(address))).toBe(false);
    await expect(connect(address)).rejects.toThrow(/ENOENT/);
    client.destroy();
    socket.destroy();
  });

  it('gives up when no connection arrives in time', async () => {
    const listener = await listenPrivately();
    await expect(listener.accept(50)).rejects.toThrow(/could not be set up in time/);
  });
});
