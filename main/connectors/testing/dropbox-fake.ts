import type { RequestListener } from 'node:http';
import { contentRange, parseByteRange } from './byte-range';
import { DropboxApiError, DropboxBadRequest, fileMetadata, headerSafeJson } from './dropbox-api';
import { consentPage, DropboxTokens } from './dropbox-auth';
import { DROPBOX_ROUTES, type DropboxContext, type DropboxRoute, type RouteAnswer } from './dropbox-routes';
import { DropboxStore } from './dropbox-store';
import { UploadSessions } from './dropbox-upload-sessions';
import { FaultController, type FaultOptions, type RequestLogEntry } from './fault-controller';
import { faultInjectingListener, readBody, sendBytes, type Exchange } from './http-exchange';

export interface DropboxFakeOptions {
  readonly faults?: FaultOptions;
  /** Lifetime of access tokens issued by the fake. Default 4 hours, like Dropbox's. */
  readonly tokenLifetimeSeconds?: number;
  /** Largest `list_folder` page. Default 2000; set it low to exercise `list_folder/continue`. */
  readonly listPageSize?: number;
  /** Bytes the account may store (also bounds the fake's memory). Default 1 GiB. */
  readonly quotaBytes?: number;
}

/** The `token` setting of an rclone dropbox remote, as rclone stores it. */
export interface DropboxTokenSetting {
  /** JSON with access_token, token_type, refresh_token and expiry, ready for the config file. */
  readonly json: string;
  readonly accessToken: string;
  readonly expiry: Date;
}

/** Successful calls by kind, kept for every call. */
export interface DropboxCounters {
  readonly reads: number;
  readonly writes: number;
  readonly account: number;
  /** Tokens issued by the token endpoint from the refresh token. */
  readonly refreshes: number;
}

/** The Dropbox API stand-in; mount `handler` behind the HTTPS proxy for every host in `hosts`. */
export interface DropboxFake {
  readonly hosts: readonly string[];
  readonly handler: RequestListener;
  /** Latency, faults ("rate-limit the next N calls": `faults.inject`) and the raw request log. */
  readonly faults: FaultController;
  /** The namespace, for seeding and inspecting files directly. */
  readonly store: DropboxStore;
  /**
   * A token for an rclone remote. `expiresInSeconds` (default: the token lifetime) sets only the
   * expiry recorded in the config; the server keeps the access token valid for its lifetime.
   */
  issueToken(expiresInSeconds?: number): DropboxTokenSetting;
  /** Early expiry: every access token issued so far answers 401 `expired_access_token` now. */
  expireAccessTokens(): void;
  /**
   * Revokes the app: 401 `invalid_access_token`, and refreshing fails with `invalid_grant`, for
   * the tokens issued so far and for those issued later, until {@link authorizeAgain}.
   */
  revoke(): void;
  /** The user allows the app again after a revocation: tokens issued from now on work. */
  authorizeAgain(): void;
  /** Answers the next `count` calls (of `route` only, when given) with 429 `too_many_requests`. */
  rateLimitNext(count: number, route?: string): void;
  /** The call log: route (e.g. `files/list_folder`, `oauth2/authorize`, `oauth2/token`) and status. */
  calls(): readonly { readonly route: string; readonly status: number }[];
  counters(): DropboxCounters;
}

/** The hosts the Go SDK and rclone's OAuth client reach, and the browser's sign-in page. */
export const DROPBOX_HOSTS = ['api.dropboxapi.com', 'content.dropboxapi.com', 'api.dropbox.com', 'www.dropbox.com'] as const;

const MAX_REQUEST_BYTES = 160 * 1024 * 1024;
const COUNTER_OF = { read: 'reads', write: 'writes', account: 'account' } as const;

/**
 * A faithful stand-in for the Dropbox API v2 as rclone 1.60's dropbox backend (Go SDK v6) uses
 * it: RPC routes with JSON bodies, content routes with `Dropbox-API-Arg` / `Dropbox-API-Result`,
 * ranged downloads (206), upload sessions with batch commits (rclone's default `batch_mode sync`
 * ends every upload with `upload_session/finish_batch_v2`), `.tag` unions, 409 endpoint errors
 * with `error_summary`, 401 `expired_access_token` / `invalid_access_token`, 429
 * `too_many_requests` with `Retry-After`, Dropbox `content_hash`, and case-insensitive paths.
 *
 * Sign-in (`rclone authorize dropbox`): `www.dropbox.com/oauth2/authorize` shows a consent page
 * whose "Allow" sends the browser to the `redirect_uri` with a fresh `code` and the `state`; the
 * token endpoint trades that code once (`grant_type=authorization_code`) for a token.
 *
 * Tokens: rclone 1.60 refreshes a Dropbox token only once the `expiry` recorded in its config has
 * passed (the Go oauth2 library renews up to 10 s early); it does not react to a 401
 * `expired_access_token`. So there are two different things to test:
 * - Early expiry: {@link DropboxFake.expireAccessTokens} makes the server refuse a token whose
 *   recorded expiry is still in the future; rclone fails with `expired_access_token` visible in
 *   its error and never calls the token endpoint.
 * - Normal renewal: issue a token whose recorded expiry has passed (`issueToken(-60)`); rclone
 *   calls `oauth2/token` with `grant_type=refresh_token`, gets a new access token and writes it
 *   back to its config file.
 */
export function createDropboxFake(options: DropboxFakeOptions = {}): DropboxFake {
  const faults = new FaultController(options.faults);
  const store = new DropboxStore();
  const tokens = new DropboxTokens(options.tokenLifetimeSeconds ?? 4 * 3600);
  const context: DropboxContext = {
    store,
    sessions: new UploadSessions(),
    listPageSize: options.listPageSize ?? 2000,
    quotaBytes: options.quotaBytes ?? 1024 * 1024 * 1024,
  };
  const totals = { reads: 0, writes: 0, account: 0 };

  const handler = faultInjectingListener(faults, refuse, async (exchange) => {
    const host = (exchange.req.headers.host ?? '').split(':')[0].toLowerCase();
    const path = exchange.url.pathname;
    if (exchange.route === 'oauth2/token') return token(exchange, tokens);
    if (exchange.route === 'oauth2/authorize' && host === 'www.dropbox.com') return authorizeApp(exchange, tokens);
    const name = path.startsWith('/2/') ? path.slice(3) : '';
    const route = DROPBOX_ROUTES[name];
    const expectedHost = route?.host === 'content' ? 'content.dropboxapi.com' : 'api.dropboxapi.com';
    if (!route || host !== expectedHost) {
      exchange.body.resume();
      return badRequest(exchange, name, `Unknown API function on ${host}: "${name}"`);
    }
    if (!authorize(exchange, tokens, name)) return;
    try {
      const arg = await argumentOf(exchange, route);
      const data = route.style === 'upload' ? await readBody(exchange, MAX_REQUEST_BYTES) : Buffer.alloc(0);
      const answer = route.handle(context, { arg, data });
      totals[COUNTER_OF[route.category]] += 1;
      respond(exchange, answer);
    } catch (error) {
      if (error instanceof DropboxApiError) return sendJson(exchange, error.status, error.body);
      if (error instanceof DropboxBadRequest) return badRequest(exchange, name, error.message);
      throw error;
    }
  }, routeName);

  return {
    hosts: DROPBOX_HOSTS,
    handler,
    faults,
    store,
    issueToken: (expiresInSeconds = options.tokenLifetimeSeconds ?? 4 * 3600) => {
      const issued = tokens.issue();
      const expiry = new Date(Date.now() + expiresInSeconds * 1000);
      const json = JSON.stringify({
        access_token: issued.accessToken,
        token_type: 'bearer',
        refresh_token: issued.refreshToken,
        expiry: expiry.toISOString(),
      });
      return { json, accessToken: issued.accessToken, expiry };
    },
    expireAccessTokens: () => tokens.expireAccessTokens(),
    revoke: () => tokens.revoke(),
    authorizeAgain: () => tokens.authorizeAgain(),
    rateLimitNext: (count, route) => faults.inject({ kind: 'too-many-requests', count, path: route ? `/2/${route}` : undefined }),
    calls: () => faults.requests().map((entry: RequestLogEntry) => ({ route: entry.route, status: entry.status })),
    counters: () => ({ ...totals, refreshes: tokens.refreshCount }),
  };
}

/** `files/list_folder` for `/2/files/list_folder`; `oauth2/token` and `oauth2/authorize` for the OAuth endpoints. */
function routeName(url: URL): string {
  const oauth = /^\/(?:1\/)?(oauth2\/(?:token|authorize))$/.exec(url.pathname);
  if (oauth) return oauth[1];
  return url.pathname.startsWith('/2/') ? url.pathname.slice(3) : url.pathname;
}

function refuse(exchange: Exchange, status: 429 | 503, retryAfter: number): void {
  if (status === 503) {
    sendBytes(exchange, 503, { 'content-type': 'text/plain; charset=utf-8', 'retry-after': String(retryAfter) }, 'Service Unavailable');
    return;
  }
  const body = { error_summary: 'too_many_requests/..', error: { reason: { '.tag': 'too_many_requests' }, retry_after: retryAfter } };
  sendBytes(exchange, 429, { 'content-type': 'application/json', 'retry-after': String(retryAfter) }, JSON.stringify(body));
}

function sendJson(exchange: Exchange, status: number, value: unknown): void {
  sendBytes(exchange, status, { 'content-type': 'application/json' }, JSON.stringify(value));
}

function badRequest(exchange: Exchange, route: string, message: string): void {
  sendBytes(exchange, 400, { 'content-type': 'text/plain; charset=utf-8' }, `Error in call to API function "${route}": ${message}`);
}

function authorize(exchange: Exchange, tokens: DropboxTokens, route: string): boolean {
  const header = exchange.req.headers.authorization ?? '';
  if (!header.startsWith('Bearer ')) {
    exchange.body.resume();
    badRequest(exchange, route, 'Must provide HTTP header "Authorization" or URL parameter "authorization".');
    return false;
  }
  const state = tokens.check(header.slice('Bearer '.length));
  if (state === 'valid') return true;
  exchange.body.resume();
  const tag = state === 'expired' ? 'expired_access_token' : 'invalid_access_token';
  sendBytes(
    exchange,
    401,
    { 'content-type': 'application/json', 'www-authenticate': 'Bearer' },
    JSON.stringify({ error_summary: `${tag}/..`, error: { '.tag': tag } }),
  );
  return false;
}

async function argumentOf(exchange: Exchange, route: DropboxRoute): Promise<Record<string, unknown>> {
  let raw: string;
  if (route.style === 'rpc') raw = (await readBody(exchange, 1024 * 1024)).toString('utf8');
  else {
    const header = exchange.req.headers['dropbox-api-arg'];
    if (typeof header !== 'string') throw new DropboxBadRequest('Must provide HTTP header "Dropbox-API-Arg" or URL parameter "arg".');
    raw = header;
  }
  if (raw.trim() === '' || raw.trim() === 'null') return {};
  try {
    const value: unknown = JSON.parse(raw);
    if (value && typeof value === 'object' && !Array.isArray(value)) return value as Record<string, unknown>;
  } catch {
    // Reported below, as Dropbox does for any argument that is not a JSON object.
  }
  throw new DropboxBadRequest('could not decode input as JSON');
}

function respond(exchange: Exchange, answer: RouteAnswer): void {
  if ('json' in answer) return sendJson(exchange, 200, answer.json);
  const { file } = answer;
  const headers = {
    'content-type': 'application/octet-stream',
    'dropbox-api-result': headerSafeJson(fileMetadata(file)),
    etag: `W/"${file.rev}"`,
    'accept-ranges': 'bytes',
  };
  const range = parseByteRange(exchange.req.headers.range, file.content.length);
  if (range === 'unsatisfiable') return sendBytes(exchange, 416, { 'content-range': `bytes */${file.content.length}` }, '');
  if (range === null) return sendBytes(exchange, 200, headers, file.content);
  const body = file.content.subarray(range.start, range.end + 1);
  sendBytes(exchange, 206, { ...headers, 'content-range': contentRange(range, file.content.length) }, body);
}

/**
 * The consent page (GET) and its "Allow" (POST, with the page's parameters as the form), which
 * answers 302 to the `redirect_uri` with a fresh code and the `state`.
 */
async function authorizeApp(exchange: Exchange, tokens: DropboxTokens): Promise<void> {
  const params = exchange.method === 'POST' ? new URLSearchParams((await readBody(exchange, 64 * 1024)).toString('utf8')) : exchange.url.searchParams;
  const redirectUri = params.get('redirect_uri') ?? '';
  if (params.get('response_type') !== 'code' || !params.get('client_id') || !URL.canParse(redirectUri)) {
    return sendBytes(exchange, 400, { 'content-type': 'text/plain; charset=utf-8' }, 'Invalid authorization request: response_type=code, client_id and redirect_uri are required.');
  }
  if (exchange.method !== 'POST') return sendBytes(exchange, 200, { 'content-type': 'text/html; charset=utf-8' }, consentPage(params));
  const redirect = new URL(redirectUri);
  redirect.searchParams.set('code', tokens.grantCode(redirectUri));
  const state = params.get('state');
  if (state !== null) redirect.searchParams.set('state', state);
  sendBytes(exchange, 302, { location: redirect.href }, '');
}

async function token(exchange: Exchange, tokens: DropboxTokens): Promise<void> {
  const form = new URLSearchParams((await readBody(exchange, 64 * 1024)).toString('utf8'));
  const grantType = exchange.method === 'POST' ? form.get('grant_type') : null;
  if (grantType === 'authorization_code') {
    const issued = tokens.exchangeCode(form.get('code') ?? '', form.get('redirect_uri') ?? '');
    if (!issued) return sendJson(exchange, 400, { error: 'invalid_grant', error_description: 'code doesn\'t exist or has expired' });
    return sendJson(exchange, 200, { access_token: issued.accessToken, token_type: 'bearer', expires_in: issued.expiresIn, refresh_token: issued.refreshToken });
  }
  if (grantType !== 'refresh_token') {
    return sendJson(exchange, 400, { error: 'unsupported_grant_type', error_description: 'grant_type must be authorization_code or refresh_token' });
  }
  const renewed = tokens.refresh(form.get('refresh_token') ?? '');
  if (!renewed) return sendJson(exchange, 400, { error: 'invalid_grant', error_description: 'refresh token is invalid or revoked' });
  sendJson(exchange, 200, { access_token: renewed.accessToken, token_type: 'bearer', expires_in: renewed.expiresIn });
}
