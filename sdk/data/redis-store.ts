import { createRequire } from 'node:module';
import type * as Ioredis from 'ioredis';
import type { Redis, RedisOptions } from 'ioredis';
import { LostDataError, StoreUnavailableError } from './data-errors.js';
import type { DataRef } from './data-ref.js';
import { EncodedStore, verifyObject } from './encoded-store.js';

/** Options of a {@link RedisStore}: where the server is, and bounds. */
export interface RedisStoreOptions {
  /** Store name (default `redis`). */
  readonly name?: string;
  /** Transfer group the server is reached from at no cost (default `local`). */
  readonly site?: string;
  /** `redis://[user:password@]host:port/db` or `rediss://…`; else host/port/db or socket. */
  readonly url?: string;
  readonly host?: string;
  readonly port?: number;
  readonly db?: number;
  /** Unix socket path of the server. */
  readonly socket?: string;
  readonly password?: string;
  /** Key prefix of the objects (default `corral:data:`). */
  readonly keyPrefix?: string;
  /** Largest piece of one object sent in one command (default 8 MiB): big values never block the server long. */
  readonly chunkBytes?: number;
  /** Bound on one operation, seconds (default 60): past it the operation fails, it never hangs. */
  readonly timeoutS?: number;
  /** Bound on connecting, seconds (default 5). */
  readonly connectTimeoutS?: number;
}

/**
 * A store on a Redis server that every endpoint of a run can reach (a shared
 * store for Globus Compute, or for crossing sites). An object is one hash
 * (`<prefix><id>`) of chunks written in one MULTI, so readers see all or
 * nothing; the digest is checked on read. Operations are bounded: with the
 * server down they fail with {@link StoreUnavailableError} (retryable), they
 * never wait for it to come back.
 *
 * @example
 * ```ts
 * const store = new RedisStore({ name: 'shared', url: 'redis://10.0.0.5:6379/2', site: 'campus' });
 * const ref = await store.put(new Float64Array(5e6));
 * await store.close();
 * ```
 */
export class RedisStore extends EncodedStore {
  readonly kind = 'redis';
  readonly keyPrefix: string;
  readonly chunkBytes: number;
  private readonly client: Redis;
  private readonly timeoutMs: number;
  private readonly target: string;
  private connecting: Promise<void> | undefined;
  private lastConnectionError: string | undefined;

  constructor(options: RedisStoreOptions) {
    super(options.name ?? 'redis', options.site ?? 'local');
    // Loaded with the first Redis store: a run that never opens one does not carry the client (megabytes of code).
    const { Redis } = createRequire(import.meta.url)('ioredis') as typeof Ioredis;
    this.keyPrefix = options.keyPrefix ?? 'corral:data:';
    this.chunkBytes = options.chunkBytes ?? 8 * 2 ** 20;
    this.timeoutMs = (options.timeoutS ?? 60) * 1000;
    const common: RedisOptions = {
      lazyConnect: true,
      // Fail commands at once while disconnected instead of queueing them until the server is back.
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
      autoResendUnfulfilledCommands: false,
      connectTimeout: (options.connectTimeoutS ?? 5) * 1000,
      // Keep reconnecting in the background (a restarted server is used again), without spinning.
      retryStrategy: (times) => Math.min(100 * times, 2000),
      ...(options.password ? { password: options.password } : {}),
    };
    if (options.url) {
      this.client = new Redis(options.url, common);
      this.target = redact(options.url);
    } else if (options.socket) {
      this.client = new Redis({ ...common, path: options.socket, db: options.db ?? 0 });
      this.target = `unix:${options.socket}`;
    } else {
      const host = options.host ?? '127.0.0.1';
      const port = options.port ?? 6379;
      this.client = new Redis({ ...common, host, port, db: options.db ?? 0 });
      this.target = `${host}:${port}/${options.db ?? 0}`;
    }
    // Errors reach the operations that hit them (the last one explains a closed
    // connection); without a listener ioredis prints them.
    this.client.on('error', (error: Error) => { this.lastConnectionError = error.message; });
  }

  /** Redis key of the object of `ref`. */
  keyOf(ref: Pick<DataRef, 'id'>): string {
    return `${this.keyPrefix}${ref.id}`;
  }

  protected async write(ref: DataRef, bytes: Uint8Array): Promise<void> {
    const key = this.keyOf(ref);
    await this.run(`put of data ${ref.id}`, async () => {
      const tx = this.client.multi().del(key);
      const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
      for (let i = 0, at = 0; at < buffer.byteLength || i === 0; i++, at += this.chunkBytes) {
        tx.hset(key, String(i), buffer.subarray(at, at + this.chunkBytes));
      }
      const results = await tx.exec();
      const failed = results?.find(([e]) => e);
      if (!results || failed) throw failed?.[0] ?? new Error('transaction aborted');
    });
  }

  protected async read(ref: DataRef): Promise<Uint8Array> {
    const key = this.keyOf(ref);
    const chunks = await this.run(`get of data ${ref.id}`, async () => {
      const n = await this.client.hlen(key);
      if (n === 0) return undefined;
      const pipe = this.client.pipeline();
      for (let i = 0; i < n; i++) pipe.hgetBuffer(key, String(i));
      const results = (await pipe.exec()) ?? [];
      return results.map(([e, v]) => {
        if (e) throw e;
        return v as Buffer | null;
      });
    });
    if (!chunks) throw new LostDataError(ref, `${this.target} key ${key}`);
    if (chunks.some((c) => c === null)) return verifyObject(ref, new Uint8Array(0), `${this.target} key ${key} (chunks missing)`);
    const bytes = chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks as Buffer[]);
    return verifyObject(ref, bytes, `${this.target} key ${key}`);
  }

  async has(ref: DataRef): Promise<boolean> {
    this.own(ref);
    return (await this.run(`has of data ${ref.id}`, () => this.client.exists(this.keyOf(ref)))) === 1;
  }

  async delete(ref: DataRef): Promise<boolean> {
    this.own(ref);
    return (await this.run(`delete of data ${ref.id}`, () => this.client.del(this.keyOf(ref)))) === 1;
  }

  async close(): Promise<void> {
    const quit = this.client.status === 'ready' ? this.client.quit().catch(() => undefined) : undefined;
    await (quit ? bounded(quit, 2000) : undefined);
    this.client.disconnect();
  }

  protected where(ref: DataRef): string {
    return `${this.target} key ${this.keyOf(ref)}`;
  }

  protected location(): string {
    return `redis at ${this.target}`;
  }

  /** Runs one operation connected, within the time bound, with failures typed. */
  private async run<T>(operation: string, fn: () => Promise<T>): Promise<T> {
    const fail = (detail: string, cause?: unknown) => new StoreUnavailableError(this.name, `redis at ${this.target}`, operation, detail, cause);
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(fail(`no answer within ${this.timeoutMs / 1000} s`)), this.timeoutMs);
    });
    try {
      return await Promise.race([this.connect().then(fn), timeout]);
    } catch (error) {
      if (error instanceof StoreUnavailableError || error instanceof LostDataError) throw error;
      const why = this.client.status === 'ready' || !this.lastConnectionError ? '' : ` (last connection error: ${this.lastConnectionError})`;
      throw fail(`${(error as Error).message}${why}`, error);
    } finally {
      clearTimeout(timer);
    }
  }

  private async connect(): Promise<void> {
    if (this.client.status === 'ready') return;
    if (this.client.status === 'wait') this.connecting ??= this.client.connect().finally(() => { this.connecting = undefined; });
    if (this.connecting) return this.connecting;
    // Reconnecting in the background: fail now rather than wait for the server.
    throw new Error(`not connected (connection ${this.client.status})`);
  }
}

function redact(url: string): string {
  return url.replace(/\/\/([^@/]*)@/, '//***@');
}

async function bounded<T>(p: Promise<T>, ms: number): Promise<T | undefined> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([p, new Promise<undefined>((r) => { timer = setTimeout(() => r(undefined), ms); })]);
  } finally {
    clearTimeout(timer);
  }
}
