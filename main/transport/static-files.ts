import fs from 'node:fs';
import path from 'node:path';

const contentTypes: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.map': 'application/json; charset=utf-8',
};

export interface StaticFile {
  readonly body: Buffer;
  readonly contentType: string;
  /** Vite's hashed assets never change; everything else is revalidated. */
  readonly isImmutable: boolean;
}

/**
 * Resolves a URL path to a file of the built renderer. Returns null for anything outside
 * `rootDir` (`..`, encoded separators, absolute paths) or missing. `/` is `index.html`.
 */
export async function readStaticFile(rootDir: string, urlPath: string): Promise<StaticFile | null> {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return null;
  const relative = decoded === '/' || decoded === '' ? 'index.html' : decoded.replace(/^\/+/, '');
  const root = path.resolve(rootDir);
  const file = path.resolve(root, relative);
  if (file !== root && !file.startsWith(root + path.sep)) return null;
  try {
    const body = await fs.promises.readFile(file);
    return {
      body,
      contentType: contentTypes[path.extname(file)] ?? 'application/octet-stream',
      isImmutable: relative.startsWith('assets/'),
    };
  } catch {
    return null;
  }
}
