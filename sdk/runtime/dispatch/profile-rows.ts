import type { ProfileAttempt, ProfileStore } from '../../profiling/index.js';

/**
 * The profile rows of attempts that ended since the journal's last group
 * commit: written inside the next one, all in a few multi-row inserts, so a
 * row commits with the state change it belongs to and a finished call costs
 * no statement of its own in the profile store.
 *
 * @example
 * ```ts
 * const rows = new ProfileRows(store, (op) => journal.write(op));
 * rows.add(profileAttemptOf(attempt));
 * ```
 */
export class ProfileRows {
  private pending: ProfileAttempt[] = [];

  constructor(private readonly store: ProfileStore, private readonly write: (op: () => void) => void) {}

  add(row: ProfileAttempt): void {
    // The first row since the last commit books the write that takes them all.
    if (this.pending.push(row) === 1) this.write(() => this.writePending());
  }

  private writePending(): void {
    const rows = this.pending;
    this.pending = [];
    this.store.recordMany(rows);
  }
}
