import type { FileTask } from './restore-core';

const asBuffer = (bytes: Uint8Array): Buffer => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);

/** Chunk MACs arrive in a worker as plain Uint8Arrays. */
export function reviveTasks(tasks: readonly FileTask[]): FileTask[] {
  return tasks.map((task) => ({ ...task, chunks: task.chunks.map((chunk) => ({ ...chunk, mac: asBuffer(chunk.mac) })) }));
}
