import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger, SecretRedactor } from './logger';

function capture(): { stream: PassThrough; text: () => string } {
  const stream = new PassThrough();
  const chunks: Buffer[] = [];
  stream.on('data', (chunk: Buffer) => chunks.push(chunk));
  return { stream, text: () => Buffer.concat(chunks).toString('utf8') };
}

describe('the logger', () => {
  it('never writes a registered secret, wherever it appears', () => {
    const out = capture();
    const redactor = new SecretRedactor();
    redactor.registerSecret('correct horse battery staple');
    const log = createLogger({ stream: out.stream, redactor });
    log.info('opening store with correct horse battery staple', { note: 'x correct horse battery staple y' });
    expect(out.text()).not.toContain('correct horse');
    expect(out.text()).toContain('[redacted]');
  });

  it('redacts fields whose names say they hold secrets', () => {
    const out = capture();
    const log = createLogger({ stream: out.stream });
    log.info('login', { password: 'hunter22', accessToken: 'abc123', user: 'ann' });
    const record = JSON.parse(out.text()) as Record<string, unknown>;
    expect(record).toMatchObject({ password: '[redacted]', accessToken: '[redacted]', user: 'ann', level: 'info', message: 'login' });
  });

  it('drops records below its level and adds child fields', () => {
    const out = capture();
    const log = createLogger({ stream: out.stream, level: 'warn' }).child({ job: 'j1' });
    log.info('hidden');
    log.warn('shown');
    const lines = out.text().trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0] ?? '')).toMatchObject({ message: 'shown', job: 'j1' });
  });
});
