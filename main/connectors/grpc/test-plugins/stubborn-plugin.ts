/**
 * A broken test plugin: it serves a memory store but keeps running after its stdin ends, as a
 * plugin that ignores the protocol's exit rule would. The host must kill it.
 */
import { Duplex } from 'node:stream';
import { MemoryStore } from '../../../kloset/index';
import { serveConnection } from '../../plugin/index';

void serveConnection({ store: async () => new MemoryStore() }, Duplex.from({ readable: process.stdin, writable: process.stdout }));
setInterval(() => undefined, 60_000);
