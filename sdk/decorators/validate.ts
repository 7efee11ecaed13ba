import type { z } from 'zod';
import { toOptionError, type DecorationSite } from './option-error.js';

/** Validates decorator options against their table; throws OptionError naming the field. */
export function validateOptions<S extends z.ZodType>(schema: S, raw: unknown, site: DecorationSite, known: readonly string[]): z.output<S> {
  const input = raw === undefined ? {} : raw;
  const parsed = schema.safeParse(input);
  if (!parsed.success) throw toOptionError(site, input, parsed.error, known);
  return parsed.data;
}
