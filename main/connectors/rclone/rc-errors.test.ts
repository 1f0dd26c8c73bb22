import { describe, expect, it } from 'vitest';
import { RcError } from './rc-client';
import { failureKind, klosetErrorOf } from './rc-errors';

/* rclone 1.60's own error texts, as its rc calls return them. */
const words = { label: 'Dropbox', reconnect: 'Reconnect Dropbox.' };
const error = (text: string, status = 500): RcError => new RcError('operations/list', status, text);

describe("reading rclone's errors", () => {
  it.each([
    ['error in ListJSON: expired_access_token/..', 'auth'],
    ['error in ListJSON: Post "https://api.dropboxapi.com/2/files/list_folder": couldn\'t fetch token - maybe it has expired? - refresh with "rclone config reconnect entry{McAVh}:": oauth2: cannot fetch token: 400 Bad Request\nResponse: {"error":"invalid_grant"}', 'auth'],
    ['failed to create session: Username or password is incorrect. (Error 401)', 'auth'],
    ['error in ListJSON: failed to get folder list: Session does not exist, please re-login. (Error 401)', 'session'],
    ['error in ListJSON: directory not found', 'missing'],
    ['failed to find object: object not found', 'missing'],
    ['Copy call failed: Not Found: 404 Not Found', 'missing'],
    ['couldn\'t list files: Propfind "http://127.0.0.1:9/": dial tcp 127.0.0.1:9: connect: connection refused', 'transient'],
    ['too_many_requests/..', 'transient'],
    ['unexpected EOF', 'transient'],
    ['upload failed: path/insufficient_space/.', 'full'],
    ['something rclone never said before', 'other'],
  ])('sees "%s" as %s', (text, kind) => {
    expect(failureKind(error(text))).toBe(kind);
  });

  it('turns them into engine errors that say what to do', () => {
    expect(klosetErrorOf(error('expired_access_token/..'), 'listing states', words)).toMatchObject({ code: 'AUTH_EXPIRED', message: 'Dropbox refused the saved sign-in while listing states (expired_access_token). Reconnect Dropbox.' });
    expect(klosetErrorOf(error('Not Found', 404), 'reading CONFIG', words).code).toBe('NOT_FOUND');
    expect(klosetErrorOf(error('unexpected EOF'), 'reading CONFIG', words).code).toBe('UNAVAILABLE');
    expect(klosetErrorOf(error('path/insufficient_space/.'), 'uploading', words).message).toMatch(/^The Dropbox account is full/);
    expect(klosetErrorOf(new Error('boom'), 'uploading', words)).toMatchObject({ code: 'IO', message: 'Dropbox failed while uploading: boom' });
  });
});
