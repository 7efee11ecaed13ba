// One DataMove shape: what copyBetweenStores reports goes into the journal as
// it is, and the journal tells from the sites whether the bytes crossed the
// client. Real file stores, a real memory store and a real journal file.
import { join } from 'node:path';
import { CLIENT_SITE, FileStore, MemoryStore, copyBetweenStores, type DataMove } from '../../sdk/data/index.js';
import { Journal } from '../../sdk/index.js';
import { dataMoves, dataSummary, recordDataMove } from '../../sdk/runtime/journal/index.js';
import { tempDir } from './helpers.js';

test('copies between stores, recorded as reported, count through the client only when they went through it', async () => {
  const dir = tempDir('corral-move-shape-');
  const here = new MemoryStore({ name: 'here', site: 'laptop', spill: join(dir, 'spill') });
  const scratch = new FileStore({ name: 'scratch', path: join(dir, 'scratch'), site: 'hpc' });
  const project = new FileStore({ name: 'project', path: join(dir, 'project'), site: 'hpc-project' });
  const journal = Journal.open(join(dir, 'corral.db'));
  try {
    const ref = await here.put(new Float64Array(100_000), { producer: 'c1' });
    const reported: DataMove[] = [];
    const record = (m: DataMove) => { reported.push(m); recordDataMove(journal, 'r1', m); };
    // Memory to a file store: through this process, two moves.
    const inScratch = await copyBetweenStores(ref, here, scratch, record);
    // File store to file store this machine sees: file to file, one move, not through the client.
    await copyBetweenStores(inScratch, scratch, project, record);
    expect(reported.map(({ from, to }) => `${from}->${to}`)).toEqual([`laptop->${CLIENT_SITE}`, `${CLIENT_SITE}->hpc`, 'hpc->hpc-project']);
    expect(dataMoves(journal, 'r1').map(({ from, to, bytes, seconds, viaClient }) => ({ from, to, bytes, seconds, viaClient }))).toEqual(
      reported.map((m, i) => ({ ...m, viaClient: i < 2 })),
    );
    expect(dataSummary(journal, 'r1').bytesThroughClient).toBe(2 * ref.bytes);
  } finally {
    journal.close();
    await Promise.all([here.close(), scratch.close(), project.close()]);
  }
});
