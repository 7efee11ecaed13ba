import { showValue } from '../errors/index.js';
import type { z } from 'zod';
import { CorralError } from '../errors/index.js';

/** Where a decorator was applied: used to name the culprit in errors. */
export interface DecorationSite {
  decorator: string;
  className?: string;
  member: string;
  file?: string;
  line?: number;
}

/**
 * An option given to a corral decorator is invalid. The message names the
 * decorator, class, method, field, the bad value and what is allowed.
 *
 * @example
 * ```ts
 * try { remote({ retries: -1 }, fn); } catch (e) {
 *   if (e instanceof OptionError) console.error(e.field, e.message);
 * }
 * ```
 */
export class OptionError extends CorralError {
  override name = 'OptionError';
  readonly code = 'CORRAL_INVALID_OPTION';
  constructor(
    readonly site: DecorationSite,
    readonly field: string,
    readonly value: unknown,
    readonly allowed: string,
  ) {
    super(`${describeSite(site)}: option "${field}" ${allowed} (got ${showValue(value)})`);
  }
}

export function describeSite(site: DecorationSite): string {
  const owner = site.className ? `${site.className}.${site.member}` : site.member;
  const where = site.file ? ` (${site.file}${site.line ? `:${site.line}` : ''})` : '';
  return `@${site.decorator} on ${owner}${where}`;
}


/** Turns the first zod issue into an OptionError naming field, value and rule. */
export function toOptionError(site: DecorationSite, raw: unknown, error: z.ZodError, known: readonly string[]): OptionError {
  const issue = error.issues[0]!;
  const path = issue.path.map(String);
  if (issue.code === 'unrecognized_keys') {
    const key = issue.keys[0]!;
    const hint = closest(key, known);
    return new OptionError(site, key, (raw as Record<string, unknown>)[key],
      `is not a known option${hint ? ` (did you mean "${hint}"?)` : ''}; allowed: ${known.join(', ')}`);
  }
  let value: unknown = raw;
  for (const p of path) value = value === null || value === undefined ? undefined : (value as Record<string, unknown>)[p];
  return new OptionError(site, path.join('.') || '(options)', value, issue.message);
}

/** The candidate nearest to `word` by edit distance (case ignored), when near enough to be a typo. */
export function closest(word: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Math.max(2, Math.floor(word.length / 3)) + 1;
  for (const c of candidates) {
    const d = editDistance(word.toLowerCase(), c.toLowerCase());
    if (d < bestDistance) { best = c; bestDistance = d; }
  }
  return best;
}

function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let previous = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const current = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, previous + (a[i - 1] === b[j - 1] ? 0 : 1));
      previous = current;
    }
  }
  return row[b.length]!;
}

export { showValue };
