import { ApiError } from '../../shared/api-errors';
import type { PlanSummary } from '../../shared/types/plans';
import { check, forget, hasRetentionRule, syncSnapshots } from '../kloset';
import type { JobRegistry } from '../jobs/job-registry';
import type { PlanLauncher } from '../scheduler';
import type { TransferHandlerDeps } from './transfer-handlers';
import { runBackups } from './transfer-handlers';

/**
 * Runs a plan as one job: back up each source, then apply the retention policy, check a sample,
 * and copy to the second store, as the plan says. The scheduler calls it at the plan's times,
 * `plans.runNow` outside them.
 */
export function createPlanLauncher(deps: TransferHandlerDeps & { readonly jobs: JobRegistry; readonly plan: (planId: string) => PlanSummary }): PlanLauncher {
  return {
    async startPlanRun(planId) {
      const plan = deps.plan(planId);
      const open = deps.stores.require(plan.storeId);
      const job = deps.jobs.start({
        kind: 'backup',
        title: `Plan "${plan.name}"`,
        storeId: plan.storeId,
        writesStore: true,
        run: async (context) => {
          const snapshots = await runBackups(deps, open, { storeId: plan.storeId, sources: plan.sources, tags: [`plan:${plan.name}`], excludes: plan.excludes }, context);
          let forgotten = 0;
          if (hasRetentionRule(plan.retention)) {
            context.log('info', 'Applying the retention policy.');
            forgotten = (await forget(open.repository, { policy: plan.retention, apply: true })).forgotten.length;
            if (forgotten) await deps.stores.syncCatalog(plan.storeId);
          }
          if (plan.checkAfterBackup) {
            context.log('info', `Checking ${plan.checkAfterBackup.samplePercent} % of the data.`);
            const checked = await check(open.repository, { level: 'full', samplePercent: plan.checkAfterBackup.samplePercent, signal: context.signal });
            for (const problem of checked.problems) context.warn(problem.object, problem.message);
            await deps.stores.recordCheck(plan.storeId, checked.problems.length === 0);
            if (checked.problems.length) throw new ApiError('CORRUPT', `The check after the backup found ${checked.problems.length} problem(s) in the store; see the warnings.`);
          }
          let copied = 0;
          if (plan.syncToStoreId) {
            const target = deps.stores.require(plan.syncToStoreId);
            context.log('info', `Copying new snapshots to ${target.known.name}.`);
            copied = (await syncSnapshots(open.repository, target.repository, { ids: snapshots.map((id) => Buffer.from(id, 'hex')), signal: context.signal })).copied.length;
            await deps.stores.syncCatalog(plan.syncToStoreId);
            deps.events.emit('snapshots.changed', { storeId: plan.syncToStoreId });
          }
          return { snapshots, forgotten, copied };
        },
      });
      return {
        jobId: job.id,
        finished: deps.jobs.finished(job.id).then((ended) => ({
          result: ended.status === 'succeeded' ? 'succeeded' : ended.status === 'canceled' ? 'canceled' : 'failed',
          message: ended.error?.message ?? (ended.warningCount ? `${ended.warningCount} item(s) could not be read.` : null),
        })),
      };
    },
  };
}
