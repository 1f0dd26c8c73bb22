import type { OverwritePolicy } from '../exporter';
import { WorkerChannel, leastLoaded } from '../../workers/worker-channel';
import { RestoreCore, type FileTask, type FileTaskResult, type RestoreSetup } from './restore-core';

export type ToRestorer = { readonly type: 'restore'; readonly requestId: number; readonly tasks: readonly FileTask[]; readonly policy: OverwritePolicy };

/** Restore workers, or the calling thread when there are none. */
export class RestorePool {
  private readonly channels: Array<WorkerChannel<ToRestorer>> = [];
  private inline: RestoreCore | null = null;

  constructor(
    private readonly setup: RestoreSetup,
    workers: number,
    script: URL | undefined,
  ) {
    for (let i = 0; i < workers && script; i++) {
      this.channels.push(new WorkerChannel<ToRestorer>(script, setup, () => undefined));
    }
  }

  get workerCount(): number {
    return Math.max(1, this.channels.length);
  }

  async run(tasks: readonly FileTask[], policy: OverwritePolicy): Promise<FileTaskResult[]> {
    const channel = leastLoaded(this.channels);
    if (!channel) {
      this.inline ??= new RestoreCore(this.setup);
      return this.inline.run(tasks, policy);
    }
    channel.load += tasks.length;
    try {
      return await channel.request<FileTaskResult[]>((requestId) => ({ type: 'restore', requestId, tasks, policy }));
    } finally {
      channel.load -= tasks.length;
    }
  }

  async close(): Promise<void> {
    await Promise.all(this.channels.map((channel) => channel.terminate()));
  }
}
