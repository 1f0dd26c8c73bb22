/**
 * Makes the golden store fixture: `npx tsx main/kloset/testing/golden/make-golden.ts`. Run it only
 * when the format changes (and update FORMAT.md in the same commit); the golden test then proves
 * that this version still reads stores written by the previous format versions it supports.
 */
import fs from 'node:fs';
import path from 'node:path';
import { backup } from '../../snapshot/backup';
import { FsImporter } from '../../snapshot/fs-importer';
import { Repository } from '../../repository/repository';
import { FsStore } from '../../store/fs-store';
import { testChunking, testKdfCost } from '../repositories';
import { describeTree, tempDir } from '../trees';
import { goldenListingFile, goldenPassphrase, goldenStoreDir, writeGoldenTree } from './golden-tree';

async function main(): Promise<void> {
  fs.rmSync(goldenStoreDir, { recursive: true, force: true });
  const repository = await Repository.create(new FsStore(goldenStoreDir), { passphrase: goldenPassphrase, kdfCost: testKdfCost, chunking: testChunking, packfileTargetSize: 128 * 1024 });
  const source = path.join(tempDir('golden'), 'source');
  const listings: Record<string, unknown> = {};
  for (const isSecond of [false, true]) {
    fs.rmSync(source, { recursive: true, force: true });
    writeGoldenTree(source, isSecond);
    const { id } = await backup(repository, { importer: new FsImporter(source), workers: 0, name: 'golden', tags: [isSecond ? 'second' : 'first'] });
    listings[id.toString('hex')] = describeTree(source);
  }
  fs.rmSync(path.join(goldenStoreDir, '.tmp'), { recursive: true, force: true });
  fs.writeFileSync(goldenListingFile, `${JSON.stringify(listings, null, 2)}\n`);
  process.stdout.write(`Golden store written to ${goldenStoreDir}\n`);
}

void main();
