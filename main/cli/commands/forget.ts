import { forget, macToHex, type RetentionPolicy } from '../../kloset';
import { stringList, type Command } from '../command';
import { UsageError } from '../io';
import { openRepository } from '../store-access';

const counts = ['keep-last', 'keep-hourly', 'keep-daily', 'keep-weekly', 'keep-monthly', 'keep-yearly'] as const;

export const forgetCommand: Command = {
  name: 'forget',
  summary: 'apply a retention policy (a dry run unless --apply)',
  usage: '[--keep-last N] [--keep-hourly N] [--keep-daily N] [--keep-weekly N] [--keep-monthly N] [--keep-yearly N] [--keep-within 30d] [--keep-tag t]… [--apply]',
  options: {
    ...Object.fromEntries(counts.map((name) => [name, { type: 'string' as const }])),
    'keep-within': { type: 'string' },
    'keep-tag': { type: 'string', multiple: true },
    apply: { type: 'boolean' },
  },
  help: [
    'Each source is judged on its own. Snapshots under legal hold are always kept.',
    '--keep-within D   keep everything within D days of the newest snapshot (30d or 30)',
    '--apply           record the deletions (space is freed later by "maintenance")',
  ],
  async run(context) {
    const policy: Record<string, unknown> = {};
    for (const name of counts) {
      const value = context.values[name];
      if (value === undefined) continue;
      const count = Number(value);
      if (!Number.isInteger(count) || count < 0) throw new UsageError(`--${name} takes a whole number.`);
      policy[name.replace(/-(\w)/g, (_m, letter: string) => letter.toUpperCase())] = count;
    }
    const within = context.values['keep-within'];
    if (typeof within === 'string') {
      const days = /^(\d+)d?$/.exec(within)?.[1];
      if (!days) throw new UsageError('--keep-within takes a number of days, such as 30d.');
      policy.keepWithinDays = Number(days);
    }
    const tags = stringList(context.values['keep-tag']);
    if (tags.length) policy.keepTags = tags;
    const repository = await openRepository(context);
    const isApplied = context.values.apply === true;
    const result = await forget(repository, { policy: policy as RetentionPolicy, apply: isApplied });
    for (const group of result.groups) {
      context.out.line(`Source ${group.sourceKey}:`);
      for (const decision of group.decisions) {
        context.out.line(`  ${decision.isKept ? 'keep  ' : 'forget'} ${decision.snapshot.id.slice(0, 8)}  ${decision.snapshot.time.toISOString().replace('T', ' ').slice(0, 19)}${decision.reasons.length ? `  (${decision.reasons.join(', ')})` : ''}`);
      }
    }
    context.out.line(isApplied ? `${result.forgotten.length} snapshot(s) deleted; run "maintenance" to free their space after the grace period.` : `Dry run: ${result.forgotten.length} snapshot(s) would be deleted. Add --apply to do it.`);
    context.out.json({ applied: isApplied, forgotten: result.forgotten.map(macToHex), groups: result.groups });
    return 0;
  },
};
