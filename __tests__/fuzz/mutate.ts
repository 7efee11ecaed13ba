import fc from 'fast-check';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** Every path (list of keys) into a JSON document, the root included. */
function paths(doc: Json, at: Array<string | number> = []): Array<Array<string | number>> {
  const out = [at];
  if (Array.isArray(doc)) doc.forEach((v, i) => out.push(...paths(v, [...at, i])));
  else if (doc !== null && typeof doc === 'object') for (const [k, v] of Object.entries(doc)) out.push(...paths(v, [...at, k]));
  return out;
}

/**
 * Arbitrary edits of a valid JSON document: a value replaced by any JSON, a key
 * removed, an array emptied; 1 to 3 edits at random places.
 */
export function mutatedJson(seed: Json): fc.Arbitrary<Json> {
  const all = paths(seed);
  const edit = fc.record({ at: fc.nat({ max: all.length - 1 }), how: fc.constantFrom('replace', 'delete', 'empty'), value: fc.jsonValue() as fc.Arbitrary<Json> });
  return fc.array(edit, { minLength: 1, maxLength: 3 }).map((edits) => {
    let doc = structuredClone(seed);
    for (const e of edits) doc = apply(doc, all[e.at]!, e.how, e.value);
    return doc;
  });
}

function apply(doc: Json, path: Array<string | number>, how: string, value: Json): Json {
  if (path.length === 0) return how === 'replace' ? value : doc;
  let parent: any = doc;
  for (const key of path.slice(0, -1)) {
    if (parent === null || typeof parent !== 'object') return doc;
    parent = parent[key];
  }
  if (parent === null || typeof parent !== 'object') return doc;
  const last = path.at(-1)!;
  if (!(last in parent)) return doc;
  if (how === 'delete') {
    if (Array.isArray(parent)) parent.splice(Number(last), 1);
    else delete parent[last];
  } else if (how === 'empty') {
    parent[last] = Array.isArray(parent[last]) ? [] : {};
  } else {
    parent[last] = value;
  }
  return doc;
}

/**
 * Arbitrary damage to a text or binary file: cut short, bytes flipped, or a
 * range overwritten; the seed itself now and then.
 */
export function damagedBytes(seed: Buffer): fc.Arbitrary<Buffer> {
  const n = seed.length;
  return fc.oneof(
    fc.nat({ max: n }).map((cut) => seed.subarray(0, cut)),
    fc.array(fc.record({ at: fc.nat({ max: n - 1 }), byte: fc.integer({ min: 0, max: 255 }) }), { minLength: 1, maxLength: 8 }).map((flips) => {
      const out = Buffer.from(seed);
      for (const f of flips) out[f.at] = f.byte;
      return out;
    }),
    fc.record({ at: fc.nat({ max: n - 1 }), length: fc.integer({ min: 1, max: 4096 }), byte: fc.integer({ min: 0, max: 255 }) }).map((r) => {
      const out = Buffer.from(seed);
      out.fill(r.byte, r.at, Math.min(n, r.at + r.length));
      return out;
    }),
    fc.constant(seed),
  );
}
