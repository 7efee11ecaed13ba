import { randomBytes } from 'node:crypto';

/** A run id that sorts by start time: `r-20261123-214501-3fa9c2`. */
export function newRunId(now = new Date()): string {
  const stamp = now.toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
  return `r-${stamp}-${randomBytes(3).toString('hex')}`;
}
