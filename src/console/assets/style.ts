// The console stylesheet: light by default, dark when the system asks.
// A string module, so `tsc` ships it in dist/ with no copy step; the text must hold no backtick
// and no dollar-brace (the asset test checks the scripts parse).

/** The CSS of `/ui/app.css`. */
export const styleCss = String.raw`/* The console's one stylesheet: light by default, dark when the system asks; colours meet
   WCAG AA contrast on their backgrounds; no web fonts. */
:root {
  --bg: #f6f7f9; --panel: #fff; --fg: #1b1f24; --muted: #57606a; --line: #d8dee4;
  --accent: #0b63c5; --s1: #0b63c5; --s2: #b35900; --s3: #b3261e;
  --critical: #b3261e; --warning: #8a5300; --info: #0b63c5; --ok: #1a7f37;
  --bar: #9fb7d3; --bar-critical: #0b63c5; --on-strong: #fff;
}
@media (prefers-color-scheme: dark) {
  :root {
    --bg: #0d1117; --panel: #161b22; --fg: #e6edf3; --muted: #9da7b3; --line: #30363d;
    --accent: #58a6ff; --s1: #58a6ff; --s2: #f0883e; --s3: #ff7b72;
    --critical: #ff7b72; --warning: #e3b341; --info: #58a6ff; --ok: #3fb950;
    --bar: #3b4b61; --bar-critical: #58a6ff; --on-strong: #0d1117;
  }
}
* { box-sizing: border-box; }
[hidden] { display: none !important; }
body { margin: 0; background: var(--bg); color: var(--fg); font: 14px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; }
a { color: var(--accent); }
h1 { font-size: 18px; margin: 0; }
h2 { font-size: 15px; margin: 0 0 8px; }
.muted { color: var(--muted); }
.visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); }
button { font: inherit; padding: 4px 12px; border: 1px solid var(--line); border-radius: 6px; background: var(--panel); color: var(--fg); cursor: pointer; }
button:focus-visible, a:focus-visible, summary:focus-visible, input:focus-visible { outline: 2px solid var(--accent); outline-offset: 2px; }
.top { display: flex; align-items: center; gap: 24px; padding: 12px 20px; background: var(--panel); border-bottom: 1px solid var(--line); flex-wrap: wrap; }
.controls { margin-left: auto; display: flex; gap: 12px; align-items: center; }
.health { display: flex; align-items: baseline; gap: 8px; }
.score { font-size: 26px; font-weight: 700; }
.health.healthy .score { color: var(--ok); }
.health.degraded .score { color: var(--warning); }
.health.unhealthy .score { color: var(--critical); }
main { padding: 16px 20px 40px; max-width: 1400px; margin: 0 auto; display: grid; gap: 16px; }
.panel { background: var(--panel); border: 1px solid var(--line); border-radius: 8px; padding: 14px 16px; min-width: 0; }
.tiles { display: grid; grid-template-columns: repeat(auto-fit, minmax(160px, 1fr)); gap: 12px; }
.tile { background: var(--panel); border: 1px solid var(--line); border-radius: 8px; padding: 10px 14px; display: flex; flex-direction: column; }
.tile-label { color: var(--muted); font-size: 12px; text-transform: uppercase; letter-spacing: .04em; }
.tile-value { font-size: 22px; font-weight: 600; font-variant-numeric: tabular-nums; }
.columns { display: grid; grid-template-columns: repeat(auto-fit, minmax(420px, 1fr)); gap: 16px; }
.count { display: inline-block; min-width: 22px; padding: 0 6px; border-radius: 10px; background: var(--line); text-align: center; font-size: 12px; }
.items { list-style: none; margin: 0; padding: 0; display: grid; gap: 10px; max-height: 420px; overflow: auto; }
.item { border-left: 4px solid var(--line); padding: 6px 10px; }
.item p { margin: 4px 0; }
.item-head { display: flex; gap: 8px; align-items: baseline; flex-wrap: wrap; }
.alert.critical { border-left-color: var(--critical); }
.alert.warning { border-left-color: var(--warning); }
.alert.info, .recommendation { border-left-color: var(--info); }
.badge { font-size: 11px; font-weight: 700; text-transform: uppercase; padding: 1px 6px; border-radius: 4px; color: #fff; background: var(--muted); }
.badge.critical, .badge.high { background: var(--critical); }
.badge.warning, .badge.medium { background: var(--warning); }
.badge.info, .badge.low { background: var(--info); }
.badge.silenced { background: var(--muted); }
button.small { padding: 1px 8px; font-size: 12px; }
.silence-form { margin-top: 10px; }
.silence-form input, .silence-form select { font: inherit; }
.trace-links { display: flex; gap: 10px; font-size: 13px; }
.problem { color: var(--critical); }
.charts { display: grid; grid-template-columns: repeat(auto-fit, minmax(380px, 1fr)); gap: 12px; }
figure { margin: 0; }
figcaption { font-size: 13px; color: var(--muted); }
svg { width: 100%; height: auto; display: block; }
svg .grid { stroke: var(--line); stroke-width: 1; }
svg .tick, svg .empty { fill: var(--muted); font-size: 11px; }
svg .line { fill: none; stroke-width: 2; stroke-linejoin: round; }
svg .line.s1 { stroke: var(--s1); } svg .line.s2 { stroke: var(--s2); } svg .line.s3 { stroke: var(--s3); }
.key::before { content: ""; display: inline-block; width: 10px; height: 3px; margin-right: 3px; vertical-align: middle; }
.key.s1::before { background: var(--s1); } .key.s2::before { background: var(--s2); } .key.s3::before { background: var(--s3); }
.filters { display: flex; gap: 16px; align-items: center; margin-bottom: 8px; flex-wrap: wrap; }
.filters input[type=number] { width: 80px; }
table { width: 100%; border-collapse: collapse; font-variant-numeric: tabular-nums; }
th, td { text-align: left; padding: 5px 8px; border-bottom: 1px solid var(--line); }
th.num, td.num { text-align: right; }
tr.failed td:first-child { border-left: 3px solid var(--critical); }
.section-head { display: flex; justify-content: space-between; align-items: baseline; gap: 12px; flex-wrap: wrap; }
.scope { font-weight: 400; color: var(--muted); }
.table-wrap { overflow-x: auto; }
.route-pick { border: 0; background: none; padding: 2px 0; color: var(--accent); display: inline-flex; gap: 8px; align-items: baseline; text-align: left; }
.route-pick:hover .endpoint { text-decoration: underline; }
.endpoint { font-family: ui-monospace, monospace; font-size: 12.5px; }
.method { font-size: 11px; font-weight: 700; padding: 0 5px; border-radius: 4px; background: var(--line); color: var(--fg); }
tr.selected td { background: var(--bg); }
tr.selected td:first-child { box-shadow: inset 3px 0 0 var(--accent); }
td.bad { color: var(--critical); font-weight: 600; }
td.trend { padding-top: 2px; padding-bottom: 2px; }
svg.spark { width: 120px; height: 28px; }
.chip { font-size: 12px; padding: 1px 10px; border-radius: 12px; border-color: var(--accent); color: var(--accent); }
.wf-head { display: flex; gap: 8px; align-items: baseline; flex-wrap: wrap; }
.legend { font-size: 12px; }
.wf-row { display: grid; grid-template-columns: minmax(180px, 32%) 1fr; align-items: center; min-height: 24px; }
.wf-scale { font-size: 11px; color: var(--muted); border-bottom: 1px solid var(--line); }
.wf-span > summary { list-style: none; cursor: pointer; border-bottom: 1px solid var(--line); }
.wf-span > summary::-webkit-details-marker { display: none; }
.wf-span > summary:hover { background: var(--bg); }
.wf-name { white-space: nowrap; overflow: hidden; text-overflow: ellipsis; font-family: ui-monospace, monospace; font-size: 12.5px; }
.wf-track { position: relative; height: 18px; }
.wf-tick { position: absolute; transform: translateX(-50%); white-space: nowrap; }
.wf-tick:first-child { transform: none; } .wf-tick:last-child { transform: translateX(-100%); }
.wf-bar { position: absolute; top: 3px; height: 12px; background: var(--bar); border-radius: 2px; }
.critical-path .wf-bar { background: var(--bar-critical); }
.critical-path .wf-name { font-weight: 700; }
.failed .wf-bar { background: var(--critical); }
.failed .wf-name { color: var(--critical); }
.wf-label { position: absolute; left: 100%; margin-left: 6px; top: -2px; font-size: 11px; color: var(--muted); white-space: nowrap; }
.wf-label.left { left: auto; right: 100%; margin: 0 6px 0 0; }
.wf-label.inside { left: auto; right: 4px; margin: 0; top: 0; line-height: 12px; font-size: 10.5px; color: var(--fg); }
.critical-path .wf-label.inside, .failed .wf-label.inside { color: var(--on-strong); }
.attrs { display: grid; grid-template-columns: max-content 1fr; gap: 2px 12px; margin: 6px 0 10px 24px; font-size: 12.5px; }
.attrs dt { color: var(--muted); } .attrs dd { margin: 0; word-break: break-all; font-family: ui-monospace, monospace; }
`;
