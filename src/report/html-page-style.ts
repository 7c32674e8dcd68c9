export const HTML_PAGE_STYLE = `
:root { color-scheme: light; --ink: #0f172a; --muted: #64748b; --line: #e2e8f0; --bad: #b91c1c; --ok: #15803d; }
* { box-sizing: border-box; }
body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; color: var(--ink); margin: 0; background: #f8fafc; }
header, main { max-width: 1200px; margin: 0 auto; padding: 16px 24px; }
header h1 { font-size: 22px; margin: 8px 0 4px; }
.muted { color: var(--muted); }
.badge { display: inline-block; padding: 1px 8px; border-radius: 10px; background: #fef3c7; color: #92400e; font-size: 12px; font-weight: 600; vertical-align: middle; }
section { background: white; border: 1px solid var(--line); border-radius: 8px; padding: 12px 18px; margin: 16px 0; }
h2 { font-size: 18px; margin: 4px 0 10px; }
h3 { font-size: 15px; margin: 14px 0 6px; }
.charts { display: flex; flex-wrap: wrap; gap: 12px; }
.charts figure { margin: 0; flex: 1 1 340px; max-width: 560px; }
.charts figcaption { font-size: 12px; color: var(--muted); }
svg.chart { background: white; font-size: 11px; width: 100%; height: auto; }
svg .axis { stroke: #94a3b8; stroke-width: 1; }
svg .grid { stroke: #f1f5f9; stroke-width: 1; }
svg .tick { fill: #475569; }
svg .axis-title { fill: #334155; font-size: 12px; }
svg .legend { fill: #0f172a; font-size: 12px; }
table { border-collapse: collapse; width: 100%; font-size: 13px; }
th, td { border-bottom: 1px solid var(--line); padding: 4px 8px; text-align: left; vertical-align: top; }
th { background: #f1f5f9; }
td.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
.flag { border-left: 4px solid var(--bad); padding: 6px 10px; margin: 8px 0; background: #fef2f2; }
.flag b { text-transform: uppercase; font-size: 12px; letter-spacing: 0.04em; margin-right: 6px; }
.no-flags { border-left: 4px solid var(--ok); padding: 6px 10px; background: #f0fdf4; }
.flag .cause, .flag .next, .inconclusive .cause, .inconclusive .next { display: block; font-size: 13px; color: #334155; margin-top: 2px; }
.inconclusive { border-left: 4px solid #d97706; padding: 6px 10px; margin: 8px 0; background: #fffbeb; }
.inconclusive b { text-transform: uppercase; font-size: 12px; letter-spacing: 0.04em; margin-right: 6px; }
.banner.error { border: 2px solid var(--bad); background: #fef2f2; color: #7f1d1d; border-radius: 8px; padding: 10px 14px; margin: 10px 0; }
.banner.error strong { color: var(--bad); }
.no-data { color: var(--bad); }
svg .zero { stroke: #64748b; stroke-dasharray: 3 3; }
svg .missing { fill: var(--bad); font-style: italic; }
.bar { display: flex; height: 14px; min-width: 180px; border-radius: 3px; overflow: hidden; background: #f1f5f9; }
.bar span { display: block; height: 100%; }
.pass { background: #22c55e; } .wrong { background: #f97316; } .limit { background: #a855f7; } .error { background: #64748b; }
.key span { display: inline-block; width: 10px; height: 10px; margin: 0 4px 0 12px; border-radius: 2px; }
.controls { display: flex; gap: 8px; align-items: center; margin-bottom: 8px; flex-wrap: wrap; }
.controls input, .controls select, .controls button { font: inherit; padding: 3px 6px; }
tr.sample { cursor: pointer; }
tr.sample:hover { background: #eff6ff; }
tr.sample.failed td.result { color: var(--bad); font-weight: 600; }
tr.sample.passed td.result { color: var(--ok); }
dialog { width: min(1000px, 94vw); max-height: 88vh; border: 1px solid var(--line); border-radius: 8px; padding: 0; }
dialog .dialog-head { display: flex; justify-content: space-between; align-items: center; padding: 10px 14px; border-bottom: 1px solid var(--line); position: sticky; top: 0; background: white; }
dialog .dialog-body { padding: 10px 14px; overflow: auto; }
.event { border: 1px solid var(--line); border-radius: 6px; margin: 6px 0; padding: 6px 10px; }
.event .kind { font-weight: 600; font-size: 12px; color: var(--muted); }
pre { white-space: pre-wrap; word-break: break-word; margin: 4px 0; font-size: 12px; background: #f8fafc; padding: 6px; border-radius: 4px; max-height: 320px; overflow: auto; }
details summary { cursor: pointer; font-weight: 600; }
`;
