import { randomBytes } from 'node:crypto';
import { mkdir, open, readFile, rename, stat, unlink } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { LostDataError, StoreUnavailableError } from './data-errors.js';
import type { DataRef } from './data-ref.js';
import { EncodedStore, verifyObject } from './encoded-store.js';

/** Options of a {@link FileStore}. */
export interface FileStoreOptions {
  /** Store name (default `file`). */
  readonly name?: string;
  /** Folder that holds the objects: local, or shared by the endpoints of a site (HPC scratch). */
  readonly path: string;
  /** Transfer group of the machines that see `path` (default `local`). */
  readonly site?: string;
}

/**
 * A store on a folder, local or shared: one file per object
 * (`<path>/<id[0..2]>/<id>.corral`), written to a temporary file and renamed
 * into place so readers on other machines never see half an object; the
 * digest is checked on every read.
 *
 * @example
 * ```ts
 * const store = new FileStore({ name: 'scratch', path: '/scratch/me/corral', site: 'hpc' });
 * const ref = await store.put({ grid: new Float64Array(1e6) });
 * ```
 */
export class FileStore extends EncodedStore {
  readonly kind = 'file';
  readonly root: string;

  constructor(options: FileStoreOptions) {
    super(options.name ?? 'file', options.site ?? 'local');
    this.root = resolve(options.path);
  }

  /** Path of the object of `ref`. */
  pathOf(ref: Pick<DataRef, 'id'>): string {
    return join(this.root, ref.id.slice(0, 2), `${ref.id}.corral`);
  }

  protected async write(ref: DataRef, bytes: Uint8Array): Promise<void> {
    const path = this.pathOf(ref);
    // The temporary name is unique per writer, so concurrent puts (other
    // processes on a shared path included) never write the same file.
    const temp = `${path}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
    try {
      await mkdir(join(this.root, ref.id.slice(0, 2)), { recursive: true });
      const file = await open(temp, 'w');
      try {
        await file.writeFile(bytes);
        await file.sync();
      } finally {
        await file.close();
      }
      await rename(temp, path);
    } catch (error) {
      await unlink(temp).catch(() => undefined);
      throw new StoreUnavailableError(this.name, this.root, `put of data ${ref.id}`, `cannot write ${path}: ${(error as Error).message}`, error);
    }
  }

  protected async read(ref: DataRef): Promise<Uint8Array> {
    const path = this.pathOf(ref);
    let bytes: Buffer;
    try {
      bytes = await readFile(path);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new LostDataError(ref, path);
      throw new StoreUnavailableError(this.name, this.root, `get of data ${ref.id}`, `cannot read ${path}: ${(error as Error).message}`, error);
    }
    return verifyObject(ref, bytes, path);
  }

  async has(ref: DataRef): Promise<boolean> {
    this.own(ref);
    const info = await stat(this.pathOf(ref)).catch(() => undefined);
    return info !== undefined && info.size === ref.bytes;
  }

  async delete(ref: DataRef): Promise<boolean> {
    this.own(ref);
    try {
      await unlink(this.pathOf(ref));
      return true;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
      throw new StoreUnavailableError(this.name, this.root, `delete of data ${ref.id}`, (error as Error).message, error);
    }
  }

  async close(): Promise<void> {}

  protected where(ref: DataRef): string {
    return this.pathOf(ref);
  }

  protected location(): string {
    return this.root;
  }
}
