import { z } from 'zod';

/** Zod building blocks whose messages say what is allowed, for option tables. */
export const rule = {
  positive: (what: string) => z.number({ error: `must be a positive number (${what})` }).positive({ error: `must be a positive number (${what})` }).finite({ error: `must be a finite positive number (${what})` }),
  nonNegative: (what: string) => z.number({ error: `must be a number >= 0 (${what})` }).min(0, { error: `must be a number >= 0 (${what})` }).finite({ error: `must be a finite number >= 0 (${what})` }),
  intRange: (min: number, max: number) => z.number({ error: `must be an integer between ${min} and ${max}` }).int({ error: `must be an integer between ${min} and ${max}` }).min(min, { error: `must be an integer between ${min} and ${max}` }).max(max, { error: `must be an integer between ${min} and ${max}` }),
  names: (what: string) => z.array(z.string({ error: `must be a list of ${what} (strings)` }).min(1, { error: `must not contain an empty ${what}` }), { error: `must be a list of ${what} (strings)` }),
  oneOf: <T extends string>(values: readonly [T, ...T[]]) => z.enum(values, { error: `must be one of ${values.map((v) => `"${v}"`).join(', ')}` }),
  flag: () => z.boolean({ error: 'must be true or false' }),
  fn: (what: string) => z.custom<(...args: any[]) => any>((v) => typeof v === 'function', { error: `must be a function (${what})` }),
};
