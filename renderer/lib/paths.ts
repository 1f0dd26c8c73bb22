/** Paths inside a snapshot: '/' is the root, parts are separated by '/'. */

export function parentPath(path: string): string {
  const cut = path.replace(/\/+$/, '').lastIndexOf('/');
  return cut <= 0 ? '/' : path.slice(0, cut);
}

export function joinPath(folder: string, name: string): string {
  return folder.endsWith('/') ? `${folder}${name}` : `${folder}/${name}`;
}

/** The last part of a path; '/' for the root. */
export function baseName(path: string): string {
  const trimmed = path.replace(/\/+$/, '');
  return trimmed === '' ? '/' : trimmed.slice(trimmed.lastIndexOf('/') + 1);
}

/** '/a/b' → [{name 'a', path '/a'}, {name 'b', path '/a/b'}], for a breadcrumb. */
export function pathSegments(path: string): Array<{ readonly name: string; readonly path: string }> {
  const parts = path.split('/').filter(Boolean);
  return parts.map((name, index) => ({ name, path: `/${parts.slice(0, index + 1).join('/')}` }));
}
