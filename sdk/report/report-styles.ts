/**
 * The report's whole stylesheet, inlined so the file needs nothing else.
 *
 * @example
 * ```ts
 * const head = `<style>${REPORT_CSS}</style>`;
 * ```
 */
export const REPORT_CSS = `
:root { color-scheme: light; --ok: #2e7d32; --bad: #c62828; --warn: #ef6c00; --muted: #607d8b; }
* { box-sizing: border-box; }
body { font-family: 'DejaVu Sans', Helvetica, Arial, sans-serif; margin: 0 auto; max-width: 1200px; padding: 24px; color: #212121; background: #fafafa; }
header h1 { margin: 0 0 4px; font-size: 22px; }
header p { margin: 2px 0; color: var(--muted); }
.badge { display: inline-block; padding: 2px 8px; border-radius: 10px; color: white; font-size: 13px; vertical-align: middle; }
.badge.succeeded { background: var(--ok); } .badge.failed { background: var(--bad); }
.badge.running { background: #1565c0; } .badge.cancelled { background: #757575; }
.cards { display: flex; flex-wrap: wrap; gap: 12px; margin: 16px 0; }
.card { background: white; border: 1px solid #e0e0e0; border-radius: 6px; padding: 10px 14px; min-width: 150px; }
.card .label { font-size: 12px; color: var(--muted); } .card .value { font-size: 20px; margin-top: 2px; }
.card.over .value { color: var(--bad); }
section, figure { background: white; border: 1px solid #e0e0e0; border-radius: 6px; padding: 12px 16px; margin: 16px 0; overflow-x: auto; }
figure h2, section h2 { margin: 0 0 8px; font-size: 17px; }
figcaption { color: var(--muted); font-size: 13px; margin-top: 6px; }
table { border-collapse: collapse; font-size: 13px; width: 100%; }
th, td { text-align: left; padding: 4px 8px; border-bottom: 1px solid #eee; vertical-align: top; }
th { background: #f5f5f5; } td.num { text-align: right; font-variant-numeric: tabular-nums; }
td.failed { color: var(--bad); } td.done { color: var(--ok); }
code { font-size: 12px; word-break: break-all; }
nav a { margin-right: 12px; font-size: 13px; }
`;
