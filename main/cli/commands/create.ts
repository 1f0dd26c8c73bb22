import { Repository } from '../../kloset';
import type { Command } from '../command';
import { readPassphrase } from '../passphrase';
import { storeAt } from '../store-access';

export const createCommand: Command = {
  name: 'create',
  summary: 'make a new, empty store',
  usage: '[--plaintext]',
  options: { plaintext: { type: 'boolean' } },
  help: ['--plaintext   store data unencrypted (an explicit choice: anyone who can read the store can read your files)'],
  async run(context) {
    const store = await storeAt(context);
    const isPlaintext = context.values.plaintext === true;
    const passphrase = isPlaintext ? null : await readPassphrase(context.io, { passphraseFile: context.passphraseFile }, { confirm: true });
    const repository = await Repository.create(store, { passphrase });
    context.out.line(`Created ${isPlaintext ? 'a plaintext' : 'an encrypted'} store at ${store.location} (id ${repository.storeId}).`);
    if (!isPlaintext) context.out.line('Keep the passphrase safe: without it the store cannot be read, and it cannot be recovered.');
    context.out.json({ location: store.location, storeId: repository.storeId, encrypted: !isPlaintext });
    return 0;
  },
};
