import http from 'node:http';
import { KlosetError } from '../../kloset/index';
import type { DaemonProcess } from './daemon-process';

/** A failed rc call: rclone's HTTP status and its error text, classified later per provider. */
export class RcError extends Error {
  constructor(
    readonly call: string,
    readonly status: number,
    readonly text: string,
  ) {
    super(`rclone ${call} failed (${status}): ${text}`);
    this.name = 'RcError';
  }
}

export type RcParams = Readonly<Record<string, unknown>>;
export type RcAnswer = Readonly<Record<string, unknown>>;

/** How long a job's status is polled: fast at first (small objects finish in milliseconds), then calmer. */
const firstPollMs = 5;
const maxPollMs = 200;

/**
 * Calls on one `rclone rcd`: JSON calls, async jobs, and the ranged object reads of `--rc-serve`.
 * Keeps its connections to 127.0.0.1 alive between calls.
 */
export class RcClient {
  private readonly agent = new http.Agent({ keepAlive: true, maxSockets: 64 });
  private readonly authorization: string;

  constructor(private readonly daemon: DaemonProcess) {
    this.authorization = `Basic ${Buffer.from(`${daemon.user}:${daemon.password}`).toString('base64')}`;
  }

  /** One rc call; RcError with rclone's text when it fails, UNAVAILABLE when rclone cannot be reached. */
  async call(path: string, params: RcParams = {}): Promise<RcAnswer> {
    const body = Buffer.from(JSON.stringify(params));
    const response = await this.send(path, { method: 'POST', headers: { 'content-type': 'application/json', 'content-length': body.length } }, body);
    const text = (await readAll(response)).toString('utf8');
    let answer: RcAnswer;
    try {
      answer = JSON.parse(text || '{}') as RcAnswer;
    } catch {
      throw new RcError(path, response.statusCode ?? 0, text.slice(0, 500));
    }
    if (response.statusCode !== 200) throw new RcError(path, response.statusCode ?? 0, typeof answer.error === 'string' ? answer.error : text.slice(0, 500));
    return answer;
  }

  /**
   * Runs a call as an async job and polls `job/status` until it ends; stops the job when `signal`
   * aborts. Long uploads never hold an HTTP request open, and a job can be stopped.
   */
  async job(path: string, params: RcParams, signal?: AbortSignal): Promise<RcAnswer> {
    const started = await this.call(path, { ...params, _async: true });
    const jobid = started.jobid;
    let pollMs = firstPollMs;
    for (;;) {
      if (signal?.aborted) {
        await this.call('job/stop', { jobid }).catch(() => undefined);
        throw new KlosetError('CANCELED', 'The operation was cancelled.');
      }
      await new Promise((resolve) => setTimeout(resolve, pollMs));
      pollMs = Math.min(maxPollMs, pollMs * 2);
      const status = await this.call('job/status', { jobid });
      if (status.finished !== true) continue;
      if (status.success === true) return (status.output as RcAnswer | undefined) ?? {};
      throw new RcError(path, 500, typeof status.error === 'string' ? status.error : 'the job failed');
    }
  }

  /** GET of an object through `--rc-serve` (`/[fs]/path`), with an optional Range header (`end` inclusive; open-ended without it). */
  read(fs: string, remotePath: string, range?: { readonly start: number; readonly end?: number }): Promise<http.IncomingMessage> {
    const segments = [`[${fs}]`, ...remotePath.split('/').filter((part) => part.length > 0)];
    const url = `/${segments.map(encodeURIComponent).join('/')}`;
    return this.send(url, { method: 'GET', headers: range ? { range: `bytes=${range.start}-${range.end ?? ''}` } : {} });
  }

  close(): void {
    this.agent.destroy();
  }

  private send(pathname: string, options: http.RequestOptions, body?: Buffer): Promise<http.IncomingMessage> {
    const target = new URL(pathname.startsWith('/') ? pathname : `/${pathname}`, this.daemon.url);
    return new Promise((resolve, reject) => {
      const request = http.request(target, { ...options, agent: this.agent, headers: { ...options.headers, authorization: this.authorization } }, resolve);
      request.once('error', (error) => reject(new KlosetError('UNAVAILABLE', `The rclone helper did not answer: ${error.message}.`, { cause: error })));
      request.end(body);
    });
  }
}

/** The whole body of a response; UNAVAILABLE when the connection drops first. */
export function readAll(response: http.IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    response.on('data', (chunk: Buffer) => chunks.push(chunk));
    response.once('end', () => resolve(Buffer.concat(chunks)));
    response.once('error', (error) => reject(new KlosetError('UNAVAILABLE', `The answer of the rclone helper was cut: ${error.message}.`, { cause: error })));
    response.once('aborted', () => reject(new KlosetError('UNAVAILABLE', 'The answer of the rclone helper was cut.')));
  });
}
