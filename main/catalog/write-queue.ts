/**
 * Runs the catalog's writes one after the other. An ingest keeps its transaction open while it
 * awaits entries, so no other write may reach the writing connection meanwhile: it would join
 * (and could roll back with) that transaction. Hand-written: a promise chain is all it takes.
 */
export class WriteQueue {
  private tail: Promise<unknown> = Promise.resolve();

  /** Runs `task` once every write queued before it has settled; settles as `task` does. */
  run<T>(task: () => Promise<T> | T): Promise<T> {
    const result = this.tail.then(task);
    this.tail = result.catch(() => undefined);
    return result;
  }
}
