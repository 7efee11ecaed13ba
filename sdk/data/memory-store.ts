import { join } from 'node:path';
import { LostDataError } from './data-errors.js';
import type { DataRef } from './data-ref.js';
import { EncodedStore } from './encoded-store.js';
import { FileStore } from './file-store.js';

/** Options of a {@link MemoryStore}. */
export interface MemoryStoreOptions {
  /** Store name (default `memory`). */
  readonly name?: string;
  /** Transfer group of this process's machine (default `local`). */
  readonly site?: string;
  /** Bytes kept in memory before the least recently used objects spill to files (default 256 MiB). */
  readonly limitBytes?: number;
  /** Where spilled objects go: a file store, or a folder (default `.corral/data/<name>`). */
  readonly spill?: FileStore | string;
}

/** How much a {@link MemoryStore} holds, and where. */
export interface MemoryStoreUsage {
  readonly memoryBytes: number;
  readonly memoryObjects: number;
  readonly spilledBytes: number;
  readonly spilledObjects: number;
}

/**
 * The runtime machine's store: objects in this process's memory up to a
 * limit, then the least recently used spill to a {@link FileStore} (under
 * `.corral/data/` by default). References name this store wherever the bytes
 * are; `close()` frees the memory and removes what it spilled.
 *
 * @example
 * ```ts
 * const store = new MemoryStore({ limitBytes: 64 * 2 ** 20 });
 * const ref = await store.put(new Float64Array(2e7)); // 160 MB: straight to a file
 * store.usage(); // { memoryBytes: 0, spilledBytes: 160000184, ... }
 * ```
 */
export class MemoryStore extends EncodedStore {
  readonly kind = 'memory';
  readonly limitBytes: number;
  private readonly memory = new Map<string, { ref: DataRef; bytes: Uint8Array }>();
  /** Objects on their way to the spill store: still readable from memory. */
  private readonly spilling = new Map<string, { ref: DataRef; bytes: Uint8Array }>();
  private readonly spilled = new Map<string, DataRef>();
  private memoryBytes = 0;
  private spillStore: FileStore | undefined;
  private readonly spillOption: FileStore | string | undefined;

  constructor(options: MemoryStoreOptions = {}) {
    super(options.name ?? 'memory', options.site ?? 'local');
    this.limitBytes = options.limitBytes ?? 256 * 2 ** 20;
    this.spillOption = options.spill;
  }

  /** Bytes and objects in memory and spilled. */
  usage(): MemoryStoreUsage {
    let spilledBytes = 0;
    for (const r of this.spilled.values()) spilledBytes += r.bytes;
    return { memoryBytes: this.memoryBytes, memoryObjects: this.memory.size, spilledBytes, spilledObjects: this.spilled.size };
  }

  /** The file store spilled objects go to (created on first spill). */
  spillTarget(): FileStore {
    if (!this.spillStore) {
      const o = this.spillOption;
      this.spillStore = o instanceof FileStore ? o : new FileStore({ name: `${this.name}-spill`, site: this.site, path: o ?? join('.corral', 'data', this.name) });
    }
    return this.spillStore;
  }

  protected async write(ref: DataRef, bytes: Uint8Array): Promise<void> {
    // Keep our own copy: the caller may reuse its buffer.
    const entry = { ref, bytes: bytes.slice() };
    if (bytes.byteLength > this.limitBytes) {
      this.spilling.set(ref.id, entry);
      await this.spillOne(entry);
      return;
    }
    // Choose victims synchronously, so concurrent puts never count the same free memory.
    const victims: Array<{ ref: DataRef; bytes: Uint8Array }> = [];
    for (const [id, old] of this.memory) {
      if (this.memoryBytes + bytes.byteLength <= this.limitBytes) break;
      this.memory.delete(id);
      this.memoryBytes -= old.bytes.byteLength;
      this.spilling.set(id, old);
      victims.push(old);
    }
    this.memory.set(ref.id, entry);
    this.memoryBytes += bytes.byteLength;
    await Promise.all(victims.map((v) => this.spillOne(v)));
  }

  private async spillOne(entry: { ref: DataRef; bytes: Uint8Array }): Promise<void> {
    const target = this.spillTarget();
    const spilled = await target.putEncoded(entry.bytes, { id: entry.ref.id, ...(entry.ref.producer ? { producer: entry.ref.producer } : {}) });
    // Deleted while it was being written: remove the file too.
    if (!this.spilling.delete(entry.ref.id)) await target.delete(spilled);
    else this.spilled.set(entry.ref.id, spilled);
  }

  protected async read(ref: DataRef): Promise<Uint8Array> {
    const held = this.memory.get(ref.id) ?? this.spilling.get(ref.id);
    if (held && held.ref.digest === ref.digest) {
      // Most recently used goes last: spilled last.
      if (this.memory.delete(ref.id)) this.memory.set(ref.id, held);
      return held.bytes;
    }
    const spilled = this.spilled.get(ref.id);
    if (!spilled || spilled.digest !== ref.digest) throw new LostDataError(ref, this.where(ref));
    try {
      return await this.spillTarget().getEncoded(spilled);
    } catch (error) {
      if (error instanceof LostDataError) throw new LostDataError(ref, error.where, `spilled copy lost: ${error.message}`);
      throw error;
    }
  }

  async has(ref: DataRef): Promise<boolean> {
    this.own(ref);
    const held = this.memory.get(ref.id) ?? this.spilling.get(ref.id);
    if (held) return held.ref.digest === ref.digest;
    const spilled = this.spilled.get(ref.id);
    return spilled !== undefined && spilled.digest === ref.digest && this.spillTarget().has(spilled);
  }

  async delete(ref: DataRef): Promise<boolean> {
    this.own(ref);
    const held = this.memory.get(ref.id);
    if (held) {
      this.memory.delete(ref.id);
      this.memoryBytes -= held.bytes.byteLength;
      return true;
    }
    if (this.spilling.delete(ref.id)) return true;
    const spilled = this.spilled.get(ref.id);
    if (!spilled) return false;
    this.spilled.delete(ref.id);
    return this.spillTarget().delete(spilled);
  }

  async close(): Promise<void> {
    this.memory.clear();
    this.memoryBytes = 0;
    const spilled = [...this.spilled.values()];
    this.spilled.clear();
    await Promise.all(spilled.map((r) => this.spillTarget().delete(r).catch(() => false)));
  }

  protected where(ref: DataRef): string {
    const spilled = this.spilled.get(ref.id);
    return spilled ? this.spillTarget().pathOf(spilled) : `memory of process ${process.pid}`;
  }

  protected location(): string {
    return `memory of process ${process.pid}, spilling to ${this.spillStore?.root ?? (typeof this.spillOption === 'string' ? this.spillOption : this.spillOption?.root ?? join('.corral', 'data', this.name))}`;
  }
}
