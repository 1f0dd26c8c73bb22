import { randomBytes } from 'node:crypto';
import { DropboxApiError, nested } from './dropbox-api';

interface Session {
  readonly parts: Buffer[];
  offset: number;
  closed: boolean;
}

/**
 * Upload sessions of the Dropbox fake (`upload_session/start`, `append_v2`, `finish`,
 * `finish_batch_v2`): data appended at the offset the client states, checked like Dropbox
 * checks it (`incorrect_offset` with the `correct_offset`), then consumed once by a finish.
 */
export class UploadSessions {
  private readonly sessions = new Map<string, Session>();

  start(data: Buffer, close: boolean): string {
    const id = `pid_upload_session:${randomBytes(18).toString('base64url')}`;
    this.sessions.set(id, { parts: [data], offset: data.length, closed: close });
    return id;
  }

  append(id: string, offset: number, data: Buffer, close: boolean, errorTag: 'lookup_failed' | null): void {
    const session = this.find(id, offset, errorTag);
    if (session.closed) throw this.failure({ '.tag': 'closed' }, errorTag);
    session.parts.push(data);
    session.offset += data.length;
    session.closed = close;
  }

  /** Ends the session and returns all its bytes. */
  finish(id: string, offset: number, data: Buffer): Buffer {
    const session = this.find(id, offset, 'lookup_failed');
    this.sessions.delete(id);
    return Buffer.concat([...session.parts, data]);
  }

  /** Bytes held by open sessions, for the fake's memory bound. */
  bufferedBytes(): number {
    let total = 0;
    for (const session of this.sessions.values()) total += session.offset;
    return total;
  }

  private find(id: string, offset: number, errorTag: 'lookup_failed' | null): Session {
    const session = this.sessions.get(id);
    if (!session) throw this.failure({ '.tag': 'not_found' }, errorTag);
    if (session.offset !== offset) throw this.failure({ '.tag': 'incorrect_offset', correct_offset: session.offset }, errorTag);
    return session;
  }

  private failure(error: { '.tag': string } & Record<string, unknown>, errorTag: 'lookup_failed' | null): DropboxApiError {
    return new DropboxApiError(errorTag ? nested(errorTag, error) : error);
  }
}
