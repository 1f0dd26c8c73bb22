/**
 * Links the app hands to the user's browser instead of opening a window of its own: https pages,
 * and sign-in pages served on this machine's loopback (rclone's Dropbox sign-in at
 * http://127.0.0.1:53682/), which have no https. Anything else (file:, javascript:, plain http
 * elsewhere) is refused.
 */
export function opensInUserBrowser(link: string): boolean {
  let url: URL;
  try {
    url = new URL(link);
  } catch {
    return false;
  }
  if (url.protocol === 'https:') return true;
  return url.protocol === 'http:' && (url.hostname === '127.0.0.1' || url.hostname === 'localhost' || url.hostname === '[::1]');
}
