import { MemoryStore } from './memory-store';
import { describeStoreConformance } from './store-conformance';

describeStoreConformance('the memory store', async () => ({ store: new MemoryStore(), cleanup: async () => undefined }), { hasStrayNames: false });
