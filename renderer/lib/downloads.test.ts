import { describe, expect, it } from 'vitest';
import { downloadUrlData } from './downloads';

describe('the DownloadURL drag value', () => {
  it('joins a type, the file name and the absolute address', () => {
    expect(downloadUrlData('/downloads/abc', 'report.pdf', 'http://127.0.0.1:4000/index.html')).toBe(
      'application/octet-stream:report.pdf:http://127.0.0.1:4000/downloads/abc',
    );
  });

  it('marks folders (zips) as zip and keeps colons out of the name', () => {
    expect(downloadUrlData('http://h/x', 'a:b.zip', 'http://h/')).toBe('application/zip:a_b.zip:http://h/x');
  });
});
