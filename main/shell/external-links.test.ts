import { describe, expect, it } from 'vitest';
import { opensInUserBrowser } from './external-links';

describe('links handed to the user browser', () => {
  it('are https pages and sign-in pages on the loopback, nothing else', () => {
    expect(opensInUserBrowser('https://www.dropbox.com/help')).toBe(true);
    expect(opensInUserBrowser('http://127.0.0.1:53682/auth?state=abc')).toBe(true);
    expect(opensInUserBrowser('http://localhost:53682/')).toBe(true);
    expect(opensInUserBrowser('http://example.com/')).toBe(false);
    expect(opensInUserBrowser('http://127.0.0.1.example.com/')).toBe(false);
    expect(opensInUserBrowser('file:///etc/passwd')).toBe(false);
    expect(opensInUserBrowser('javascript:alert(1)')).toBe(false);
    expect(opensInUserBrowser('not a link')).toBe(false);
  });
});
