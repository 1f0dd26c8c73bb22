import { describe, expect, it } from 'vitest';
import { customExcludes, isPresetOn, togglePreset, withCustomExcludes } from './exclude-presets';
import { newPlanDraft, switchSchedule, validatePlan } from './plan-form';

const storeId = 'a'.repeat(32);

describe('the plan form', () => {
  it('refuses an empty plan with one plain sentence per field', () => {
    const result = validatePlan({ ...newPlanDraft(''), name: ' ' });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.name).toBe('Give the plan a name.');
    expect(result.errors.sources).toBe('Choose at least one source.');
    expect(result.errors.storeId).toBe('Choose the store to back up into.');
  });

  it('explains a broken cron expression and a sync into the same store', () => {
    const draft = { ...newPlanDraft(storeId), name: 'Docs', sources: ['/home/ann/Documents'] };
    const cron = validatePlan({ ...draft, schedule: { kind: 'cron', expression: '0 4 * *' } });
    expect(cron.ok || cron.errors.schedule).toContain('has 4');
    const sync = validatePlan({ ...draft, syncToStoreId: storeId });
    expect(sync.ok || sync.errors.syncToStoreId).toContain('cannot sync to the store it backs up into');
  });

  it('accepts a complete plan', () => {
    expect(validatePlan({ ...newPlanDraft(storeId), name: 'Docs', sources: ['/home/ann/Documents', '@dropbox:Photos'] }).ok).toBe(true);
  });

  it('keeps the time of day when the schedule changes kind', () => {
    expect(switchSchedule({ kind: 'daily', at: '08:15' }, 'weekly')).toEqual({ kind: 'weekly', days: ['mon', 'wed', 'fri'], at: '08:15' });
    expect(switchSchedule({ kind: 'interval', everyHours: 2 }, 'daily')).toEqual({ kind: 'daily', at: '12:00' });
  });
});

describe('exclude presets', () => {
  it('start switched on, and switch off and on without touching other patterns', () => {
    const excludes = [...newPlanDraft(storeId).excludes, '*.iso'];
    expect(isPresetOn(excludes, 'caches')).toBe(true);
    const off = togglePreset(excludes, 'caches', false);
    expect(off).not.toContain('node_modules/');
    expect(off).toContain('*.iso');
    expect(isPresetOn(togglePreset(off, 'caches', true), 'caches')).toBe(true);
  });

  it('shows only the patterns of no switched-on preset in the free-text field', () => {
    const excludes = togglePreset(['*.iso', 'Thumbs.db'], 'temporary', true);
    expect(customExcludes(excludes)).toEqual(['*.iso', 'Thumbs.db']);
    expect(withCustomExcludes(excludes, '*.iso\n\n  Downloads/ ')).toEqual([...togglePreset([], 'temporary', true), '*.iso', 'Downloads/']);
  });
});
