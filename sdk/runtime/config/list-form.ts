import type { Scalar } from 'yaml';
import { yaml } from './yaml-package.js';
import type { YamlSource } from './yaml-source.js';

/**
 * Rewrites the simulator's old list form of `endpoints:` (`- name: x` items,
 * `kind` defaulting to simulated) into the mapping form, in place and keeping
 * every node's position so errors still name the right line. Returns the
 * deprecation notice to show, or undefined when the file already uses the
 * mapping form.
 *
 * @example
 * ```ts
 * const notice = listFormToMapping(source); // "eps.yaml:5:3: endpoints as a list is deprecated: ..."
 * ```
 */
export function listFormToMapping(source: YamlSource): string | undefined {
  const { isMap, isScalar, isSeq, Pair, Scalar, YAMLMap } = yaml();
  const top = source.doc.contents;
  if (!isMap(top)) return undefined;
  const list = top.get('endpoints', true);
  if (!isSeq(list)) return undefined;
  const mapping = new YAMLMap();
  mapping.range = list.range;
  list.items.forEach((item, k) => {
    if (!isMap(item)) throw source.error(['endpoints', k], `endpoints[${k}]`, 'must be a mapping with name and kind');
    const namePair = item.items.find((p) => isScalar(p.key) && p.key.value === 'name');
    const name = isScalar(namePair?.value) ? namePair.value.value : undefined;
    if (typeof name !== 'string' || name === '') throw source.error(['endpoints', k], `endpoints[${k}].name`, 'must be a name (text): every endpoint of the list form needs one');
    if (mapping.has(name)) throw source.error(['endpoints', k, 'name'], `endpoints[${k}].name`, `"${name}" is already the name of another endpoint`);
    const entry = new YAMLMap();
    entry.range = item.range;
    entry.items = item.items.filter((p) => p !== namePair);
    if (!entry.has('kind')) entry.items.unshift(new Pair(new Scalar('kind'), new Scalar('simulated')));
    const key = new Scalar(name);
    key.range = (namePair!.value as Scalar).range;
    mapping.items.push(new Pair(key, entry));
  });
  top.set('endpoints', mapping);
  const first = String((mapping.items[0]?.key as Scalar | undefined)?.value ?? 'name');
  return `${source.where(['endpoints'])}: endpoints as a list is deprecated and will be dropped: write a mapping of endpoint names (\`endpoints: { ${first}: { kind: simulated, ... } }\`), the form corral run, plan and simulate all read`;
}
