/**
 * A test plugin serving the store role: `testfs:///path` opens an FsStore, any other location a
 * MemoryStore; the `fault` key makes it misbehave (see FaultyStore).
 */
import { FsStore, MemoryStore, type Store } from '../../../kloset/index';
import { servePlugin } from '../../plugin/index';
import { FaultyStore, type Fault } from './faulty-store';

const faults: readonly Fault[] = ['none', 'hang-list', 'hang-get', 'crash-get', 'short-get', 'code-by-mac'];

function openStore(location: string): Store {
  return location.startsWith('testfs://') ? new FsStore(location.slice('testfs://'.length)) : new MemoryStore(location);
}

servePlugin({
  store: async ({ config }) => {
    const fault = faults.find((name) => name === config.fault) ?? 'none';
    const store = openStore(config.location ?? '');
    return fault === 'none' ? store : new FaultyStore(store, fault);
  },
});
