import { protocol } from 'electron';
import { securityHeaders } from '../transport/csp';
import { readStaticFile } from '../transport/static-files';

/**
 * The renderer is served from `app://kloset/`, a standard, secure scheme of our own, rather than
 * `file://`: it gets a real origin, our CSP header, and no access to the rest of the disk.
 */
const appScheme = 'app';
const appHost = 'kloset';
export const appOrigin = `${appScheme}://${appHost}`;

/** Must run before the app is ready. */
export function registerAppSchemePrivileges(): void {
  protocol.registerSchemesAsPrivileged([{ scheme: appScheme, privileges: { standard: true, secure: true, supportFetchAPI: true } }]);
}

export function serveRenderer(rendererDir: string): void {
  protocol.handle(appScheme, async (request) => {
    const url = new URL(request.url);
    const file = url.host === appHost ? await readStaticFile(rendererDir, url.pathname) : null;
    if (!file) return new Response('Not found', { status: 404, headers: securityHeaders });
    return new Response(new Uint8Array(file.body), { headers: { ...securityHeaders, 'Content-Type': file.contentType } });
  });
}

export function isAppUrl(url: string): boolean {
  try {
    return new URL(url).origin === appOrigin;
  } catch {
    return false;
  }
}
