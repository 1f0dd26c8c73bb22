/**
 * Reads an async source ahead of its consumer, up to `maxAhead` items, so that a cheap producer
 * (walking a folder) can run well ahead of an expensive consumer (encoding its files). `onItem`
 * sees every item as soon as it is read.
 */
export class Lookahead<T> {
  private readonly buffer: T[] = [];
  private head = 0;
  private isDone = false;
  private isStopped = false;
  private failure: unknown = null;
  private wakeConsumer: (() => void) | null = null;
  private wakeProducer: (() => void) | null = null;
  /** Resolves when the producer has stopped; `next` reports its failure. */
  readonly finished: Promise<void>;

  constructor(source: AsyncIterable<T>, maxAhead: number, onItem: (item: T) => void) {
    this.finished = this.produce(source, maxAhead, onItem);
  }

  /** The next item, or null at the end; rethrows the source's error. */
  async next(): Promise<T | null> {
    for (;;) {
      if (this.head < this.buffer.length) {
        const item = this.buffer[this.head++] as T;
        if (this.head >= 4096) {
          this.buffer.splice(0, this.head);
          this.head = 0;
        }
        this.wake('producer');
        return item;
      }
      if (this.failure) throw this.failure;
      if (this.isDone) return null;
      await new Promise<void>((resolve) => (this.wakeConsumer = resolve));
    }
  }

  /** True once the whole source has been read without error. */
  get isComplete(): boolean {
    return this.isDone && !this.failure && !this.isStopped;
  }

  /** Asks the producer to stop reading (the consumer gave up); nothing to do once the source is read. */
  stop(): void {
    if (this.isDone) return;
    this.isStopped = true;
    this.wake('producer');
  }

  private async produce(source: AsyncIterable<T>, maxAhead: number, onItem: (item: T) => void): Promise<void> {
    try {
      for await (const item of source) {
        onItem(item);
        this.buffer.push(item);
        this.wake('consumer');
        while (this.buffer.length - this.head > maxAhead && !this.isStopped) await new Promise<void>((resolve) => (this.wakeProducer = resolve));
        if (this.isStopped) return;
      }
    } catch (error) {
      this.failure = error;
    } finally {
      this.isDone = true;
      this.wake('consumer');
    }
  }

  private wake(side: 'consumer' | 'producer'): void {
    const wake = side === 'consumer' ? this.wakeConsumer : this.wakeProducer;
    if (side === 'consumer') this.wakeConsumer = null;
    else this.wakeProducer = null;
    wake?.();
  }
}
