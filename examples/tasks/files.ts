// Tasks of the quickstart. Workers import this module to run them, so it holds
// tasks only: no top-level work.
import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { costBudget, remote } from '../../sdk/index.js';

/** What the quickstart learns about one file. */
export interface FileSummary {
  name: string;
  bytes: number;
  gzipBytes: number;
  ratio: number;
  sha256: string;
}

export class Files {
  /** gzip at the given level; profiled by input size. */
  @remote({ retries: 1, features: (data: Uint8Array) => ({ bytes: data.length }) })
  async compress(data: Uint8Array, level: number): Promise<Uint8Array> {
    return new Uint8Array(gzipSync(data, { level }));
  }

  /** SHA-256 of the bytes; memoized: the same file is hashed once, ever. */
  @remote({ cache: true, features: (data: Uint8Array) => ({ bytes: data.length }) })
  async digest(data: Uint8Array): Promise<string> {
    return createHash('sha256').update(data).digest('hex');
  }

  @remote()
  async summarize(name: string, bytes: number, gzip: Uint8Array, sha256: string): Promise<FileSummary> {
    return { name, bytes, gzipBytes: gzip.length, ratio: bytes / gzip.length, sha256 };
  }

  /** The workflow: for every file, compress and hash in parallel, then summarize (a DAG of 3 calls per file). */
  @costBudget({ deadlineS: 300 })
  async catalogue(files: Array<{ name: string; data: Uint8Array }>): Promise<FileSummary[]> {
    return Promise.all(files.map((file) => {
      const gzip = this.compress(file.data, 9);
      const hash = this.digest(file.data);
      return this.summarize(file.name, file.data.length, gzip as unknown as Uint8Array, hash as unknown as string);
    }));
  }
}
