import { describe, expect, it } from 'vitest';
import { events, isEventName, isMethodName, methods } from './api';

describe('the API contract', () => {
  it('names every method <domain>.<verb>', () => {
    for (const name of Object.keys(methods)) expect(name).toMatch(/^[a-z][A-Za-z]*\.[a-z][A-Za-z]*$/);
  });

  it('names every event <domain>.<what happened>', () => {
    for (const name of Object.keys(events)) expect(name).toMatch(/^[a-z][A-Za-z]*\.[a-z][A-Za-z]*$/);
  });

  it('does not take inherited object members for methods or events', () => {
    for (const name of ['constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf']) {
      expect(isMethodName(name)).toBe(false);
      expect(isEventName(name)).toBe(false);
    }
    expect(isMethodName('app.info')).toBe(true);
    expect(isEventName('jobs.progress')).toBe(true);
  });
});
