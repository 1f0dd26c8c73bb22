/** Downloads in the browser build: one-time addresses from `downloads.create`, and files the app writes itself. */

/** Asks the browser to download an address under a file name. */
export function startDownload(url: string, fileName: string): void {
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.rel = 'noopener';
  document.body.append(link);
  link.click();
  link.remove();
}

/**
 * The value of the `DownloadURL` drag type that Chromium turns into a file when the drag ends
 * outside the window: "mime:file name:absolute address".
 */
export function downloadUrlData(url: string, fileName: string, base: string): string {
  const isZip = fileName.toLowerCase().endsWith('.zip');
  return `${isZip ? 'application/zip' : 'application/octet-stream'}:${fileName.replace(/:/g, '_')}:${new URL(url, base).href}`;
}

/** Saves text the app made (such as exported settings) as a file. */
export function saveTextFile(text: string, fileName: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
  try {
    startDownload(url, fileName);
  } finally {
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  }
}
