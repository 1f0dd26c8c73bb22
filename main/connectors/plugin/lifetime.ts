import type { sendUnaryData, ServerUnaryCall } from '@grpc/grpc-js';
import { emptySchema } from '../protocol/messages';
import { parseRequest, requireInit, unary } from './calls';

interface Closable {
  close(): Promise<void>;
}

/** The engine instances a plugin opened, closed when the host goes away without closing them. */
export class Lifetime {
  private readonly open = new Set<Closable>();

  add(instance: Closable): void {
    this.open.add(instance);
  }

  async close(instance: Closable): Promise<void> {
    this.open.delete(instance);
    await instance.close();
  }

  /** Closes everything still open, giving up after `timeoutMs` (the host is gone by then). */
  async closeAll(timeoutMs: number): Promise<void> {
    const closing = Promise.allSettled([...this.open].map((instance) => instance.close()));
    this.open.clear();
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, timeoutMs);
    });
    await Promise.race([closing, timeout]);
    clearTimeout(timer);
  }
}

type UnaryHandler = (call: ServerUnaryCall<unknown, object>, callback: sendUnaryData<object>) => void;

/**
 * What one service works on between `Init` and `Close`: a new `Init` closes the previous instance
 * first. `T` is the service's state around its engine instance (`closable` finds the latter).
 */
export class InstanceSlot<T> {
  private value: T | null = null;

  constructor(
    private readonly lifetime: Lifetime,
    private readonly closable: (value: T) => Closable,
  ) {}

  /** The current state; BAD_INPUT before `Init`. */
  current(): T {
    return requireInit(this.value);
  }

  async open(create: () => Promise<T>): Promise<T> {
    await this.close();
    const value = await create();
    this.lifetime.add(this.closable(value));
    this.value = value;
    return value;
  }

  async close(): Promise<void> {
    const value = this.value;
    this.value = null;
    if (value !== null) await this.lifetime.close(this.closable(value));
  }

  /** `Ping` (fails before `Init`) and `Close`, the same in every service. */
  handlers(): { readonly Ping: UnaryHandler; readonly Close: UnaryHandler } {
    return {
      Ping: unary(async (message) => {
        parseRequest(emptySchema, message, 'Ping');
        this.current();
        return {};
      }),
      Close: unary(async () => {
        await this.close();
        return {};
      }),
    };
  }
}
