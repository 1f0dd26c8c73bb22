import fs from 'node:fs';
import ignore, { type Ignore } from 'ignore';
import { KlosetError } from '../errors';

/**
 * Decides which paths a backup skips, with gitignore rules: patterns are relative to the source
 * root, `/` anchors a pattern there, a trailing `/` matches directories only, `!` re-includes,
 * `**` spans folders. Exclude files hold one pattern per line (`#` comments, blank lines ignored).
 */
export class ExcludeMatcher {
  private readonly matcher: Ignore;
  readonly patterns: readonly string[];

  constructor(patterns: readonly string[]) {
    this.patterns = patterns.map((pattern) => pattern.trim()).filter((pattern) => pattern.length > 0 && !pattern.startsWith('#'));
    this.matcher = ignore({ allowRelativePaths: true }).add([...this.patterns]);
  }

  static fromFiles(patterns: readonly string[], files: readonly string[]): ExcludeMatcher {
    const fromFiles = files.flatMap((file) => {
      try {
        return fs.readFileSync(file, 'utf8').split(/\r?\n/);
      } catch (error) {
        throw new KlosetError('BAD_INPUT', `Cannot read the exclude file ${file}: ${(error as Error).message}.`);
      }
    });
    return new ExcludeMatcher([...patterns, ...fromFiles]);
  }

  /** `pathname` is absolute inside the source ('/a/b'); the root itself is never excluded. */
  isExcluded(pathname: string, isDirectory: boolean): boolean {
    const relative = pathname.replace(/^\/+/, '');
    if (!relative || this.patterns.length === 0) return false;
    return this.matcher.ignores(isDirectory ? `${relative}/` : relative);
  }
}
