import { fileURLToPath } from 'node:url';

/** Path of a file in __tests__/fixtures/pricing. */
export const fixture = (name: string): string => fileURLToPath(new URL(`../fixtures/pricing/${name}`, import.meta.url));

export const SPOTLAKE = fixture('spotlake-c5-large-2024-01.csv');
export const EVENTS_2015 = fixture('aws-2015-m3-medium.csv');
