import type { LoggerInterface } from 'vega';
import type { TopLevelSpec } from 'vega-lite';

/**
 * Renders a Vega-Lite spec to a standalone SVG string in Node, with no
 * browser and no network (the spec must carry its data inline). Warnings of
 * vega-lite and vega go to `onWarning` when given, else to stderr.
 *
 * @example
 * ```ts
 * const svg = await chartToSvg({ data: { values: [{ a: 'x', b: 1 }] }, mark: 'bar', encoding: { x: { field: 'a' }, y: { field: 'b', type: 'quantitative' } } });
 * ```
 */
export async function chartToSvg(spec: TopLevelSpec, onWarning?: (message: string) => void): Promise<string> {
  // vega and vega-lite load on first use: importing corral must stay cheap for task workers.
  // One after the other: they share modules, and jest's ESM loader fails on overlapping concurrent imports.
  const { parse, View } = await import('vega');
  const { compile } = await import('vega-lite');
  const logger = onWarning ? collectingLogger(onWarning) : undefined;
  const vegaSpec = compile(spec, logger ? { logger } : {}).spec;
  const view = new View(parse(vegaSpec), { renderer: 'none', ...(logger ? { logger } : {}) });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}

function collectingLogger(onWarning: (message: string) => void): LoggerInterface {
  let level = 2; // vega's Warn
  const logger: LoggerInterface = {
    level(l?: number): any {
      if (l === undefined) return level;
      level = l;
      return logger;
    },
    error(...args: unknown[]) { throw new Error(args.map(String).join(' ')); },
    warn(...args: unknown[]) { onWarning(args.map(String).join(' ')); return logger; },
    info() { return logger; },
    debug() { return logger; },
  };
  return logger;
}
