import { describeStoreConformance } from '../../kloset/store/store-conformance';
import { openGrpcStore } from './grpc-store';
import { startTestPlugin } from './test-plugins/launch';

describeStoreConformance(
  'a store served by a plugin over a MemoryStore',
  async () => ({ store: await openGrpcStore(await startTestPlugin('store-plugin.ts'), { location: 'testmem://' }), cleanup: async () => undefined }),
  { hasStrayNames: false },
);
