import { randomBytes } from 'node:crypto';
import { copyFile, mkdir, rename, unlink } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { DataRef } from './data-ref.js';
import { FileStore } from './file-store.js';
import type { Store } from './store.js';
import { CLIENT_SITE, type DataMove } from '../database/index.js';

/**
 * Told of every copy of data between sites: the runtime connects its journal
 * (or anything else) here.
 *
 * @example
 * ```ts
 * const moves: DataMove[] = [];
 * await copyBetweenStores(ref, campus, scratch, (m) => moves.push(m));
 * ```
 */
export type MoveRecorder = (move: DataMove) => void;

/**
 * Copies the object of `ref` from store `from` to store `to` under the same
 * id and returns the reference in `to`. Two file stores this machine sees
 * copy file to file (one move); any other pair goes through this process, the
 * fallback, recorded as two moves (from's site to the client, the client to
 * to's site). Nothing is copied when `to` already holds the object.
 *
 * @example
 * ```ts
 * const there = await copyBetweenStores(ref, campusRedis, hpcScratch, (m) => journal.recordMove(m));
 * ```
 */
export async function copyBetweenStores(ref: DataRef, from: Store, to: Store, onMove: MoveRecorder = () => undefined): Promise<DataRef> {
  const target: DataRef = { ...ref, store: to.name, site: to.describe().site };
  if (await to.has(target)) return target;
  const started = performance.now();
  if (from instanceof FileStore && to instanceof FileStore) {
    // Verified first, so a damaged object is never copied on.
    await from.getEncoded(ref);
    const path = to.pathOf(ref);
    // Copied beside the target and renamed into place: readers on other machines never see half an object.
    const temp = `${path}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
    await mkdir(dirname(path), { recursive: true });
    try {
      await copyFile(from.pathOf(ref), temp);
      await rename(temp, path);
    } catch (error) {
      await unlink(temp).catch(() => undefined);
      throw error;
    }
    onMove({ from: ref.site, to: target.site, bytes: ref.bytes, seconds: (performance.now() - started) / 1000 });
    return target;
  }
  const bytes = await from.getEncoded(ref);
  const fetched = performance.now();
  onMove({ from: ref.site, to: CLIENT_SITE, bytes: ref.bytes, seconds: (fetched - started) / 1000 });
  const copied = await to.putEncoded(bytes, { id: ref.id, ...(ref.producer === undefined ? {} : { producer: ref.producer }) });
  onMove({ from: CLIENT_SITE, to: copied.site, bytes: copied.bytes, seconds: (performance.now() - fetched) / 1000 });
  // The same object under the same id: a copy keeps the original's producer and lineage.
  return { ...ref, store: copied.store, site: copied.site };
}
