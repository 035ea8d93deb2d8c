// The widgets' stylesheet, adopted by every widget's shadow root so a course page's own CSS neither breaks
// the widgets nor is changed by them.
export const WIDGET_CSS = `
:host { display: block; font: 14px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; color: #0f172a;
  border: 1px solid #cbd5e1; border-radius: 8px; padding: 10px; margin: 1em 0; background: #fff; max-width: 100%;
  box-sizing: border-box; overflow: hidden; }
:host([hidden]) { display: none; }
* { box-sizing: border-box; }
button { font: inherit; padding: 4px 10px; border: 1px solid #94a3b8; border-radius: 6px; background: #f8fafc;
  cursor: pointer; min-height: 32px; }
button.primary { background: #2563eb; border-color: #1d4ed8; color: #fff; }
button:disabled { opacity: 0.5; cursor: default; }
button:focus-visible, input:focus-visible, textarea:focus-visible, canvas:focus-visible { outline: 2px solid #f59e0b; outline-offset: 1px; }
input, select, textarea { font: inherit; }
input[type=number] { width: 5em; }
.nabla-tools { display: flex; flex-wrap: wrap; align-items: center; gap: 6px; margin: 6px 0; }
.nabla-tools label { display: inline-flex; align-items: center; gap: 4px; }
.nabla-spacer { flex: 1; }
.nabla-code { font: 13px/1.4 ui-monospace, "SFMono-Regular", Menlo, Consolas, monospace; width: 100%; }
textarea.nabla-code { resize: vertical; padding: 6px; border: 1px solid #cbd5e1; border-radius: 6px; }
input.nabla-code { width: auto; flex: 1 1 12em; min-width: 8em; }
.nabla-tools label:has(input.nabla-code) { flex: 1 1 16em; }
.nabla-error { color: #b91c1c; background: #fef2f2; border: 1px solid #fecaca; border-radius: 6px; padding: 6px;
  margin: 6px 0; white-space: pre-wrap; font: 13px/1.4 ui-monospace, Menlo, Consolas, monospace; overflow-x: auto; }
.nabla-explain { min-height: 2.9em; margin: 4px 0; font-size: 13px; }
.nabla-figure { overflow: auto; max-height: 70vh; }
.nabla-figure svg { width: 100%; height: auto; max-height: 68vh; display: block; }
.nabla-leaves { border-collapse: collapse; font-size: 13px; margin-top: 6px; }
.nabla-leaves caption { text-align: left; font-weight: 600; }
.nabla-leaves th, .nabla-leaves td { padding: 2px 10px 2px 0; text-align: left; font-variant-numeric: tabular-nums; }
.nabla-muted { color: #64748b; font-size: 12px; margin: 4px 0; }
.nabla-plot { width: 100%; height: auto; display: block; }
.nabla-legend { font-size: 13px; margin: 2px 0; }
.nabla-legend span { white-space: nowrap; }
.nabla-play { display: grid; grid-template-columns: minmax(0, 320px) minmax(0, 1fr); gap: 10px; align-items: start; }
.nabla-play canvas.heat { width: 100%; aspect-ratio: 1; display: block; border-radius: 4px; }
.nabla-stats { font-variant-numeric: tabular-nums; font-size: 13px; margin: 0; }
p.nabla-stats { white-space: pre-wrap; }
.nabla-stats div { display: flex; justify-content: space-between; gap: 8px; }
.nabla-stats dt { color: #475569; } .nabla-stats dd { margin: 0; }
.nabla-digit { display: flex; flex-wrap: wrap; gap: 12px; align-items: flex-start; }
.nabla-digit canvas { width: 196px; height: 196px; border: 1px solid #94a3b8; border-radius: 6px; touch-action: none; background: #000; }
.nabla-bars { display: grid; grid-template-columns: auto 1fr auto; gap: 2px 6px; font-size: 13px; align-items: center; min-width: 180px; flex: 1; }
.nabla-bars .bar { height: 10px; background: #2563eb; border-radius: 2px; }
.nabla-bars .top { font-weight: 700; }
.nabla-race { width: 100%; max-width: 560px; aspect-ratio: 4 / 3; display: block; border-radius: 4px; border: 1px solid #e2e8f0; }
.nabla-racers { display: grid; grid-template-columns: repeat(auto-fill, minmax(250px, 1fr)); gap: 4px 12px; font-size: 13px; margin: 6px 0; }
.nabla-racer { display: flex; align-items: center; gap: 6px; flex-wrap: wrap; }
.nabla-racer input { width: 6.5em; }
.nabla-racer-status { color: #475569; font-variant-numeric: tabular-nums; }
.nabla-racer-status[data-status=diverged] { color: #b91c1c; font-weight: 600; }
.nabla-hists { display: grid; grid-template-columns: repeat(auto-fill, minmax(140px, 1fr)); gap: 6px; }
.nabla-hists figure { margin: 0; } .nabla-hists figcaption { font-size: 12px; color: #475569; font-variant-numeric: tabular-nums; }
.nabla-hist { width: 100%; height: auto; display: block; background: #f8fafc; border-radius: 3px; }
.nabla-sides { display: grid; grid-template-columns: repeat(auto-fit, minmax(240px, 1fr)); gap: 12px; }
.nabla-side { margin: 0; } .nabla-side-title { margin: 0 0 4px; font-size: 14px; }
.nabla-side canvas.heat { width: 100%; aspect-ratio: 1; display: block; border-radius: 4px; margin-bottom: 4px; }
@media (max-width: 520px) { .nabla-play { grid-template-columns: 1fr; } }
/* Dark theme (prefers-color-scheme). The SVG figures draw with presentation attributes, which CSS outranks:
   their dark ink, light grid lines and white rings are swapped by attribute. */
@media (prefers-color-scheme: dark) {
  :host { color: #e3e8ee; background: #1d232b; border-color: #3a4450; color-scheme: dark; }
  button { background: #262e38; border-color: #4a5562; color: inherit; }
  button.primary { background: #2f6fd6; border-color: #4a86e8; }
  input, select, textarea { background: #14181d; color: inherit; border-color: #4a5562; }
  .nabla-muted, .nabla-stats dt, .nabla-racer-status, .nabla-hists figcaption { color: #9aa6b2; }
  .nabla-error { color: #ffb4a6; background: #3a1f1c; border-color: #7a3a30; }
  .nabla-hist { background: #14181d; }
  .nabla-race { border-color: #3a4450; }
  .nabla-bars .bar { background: #6d9ef0; }
  [stroke="#0f172a"] { stroke: #e3e8ee; } [fill="#0f172a"] { fill: #e3e8ee; }
  [fill="#475569"], [fill="#64748b"] { fill: #9aa6b2; }
  [stroke="#e2e8f0"], [stroke="#f1f5f9"], [stroke="#cbd5e1"] { stroke: #2e3742; }
  [stroke="#94a3b8"] { stroke: #5b6673; }
  [stroke="#fff"] { stroke: #1d232b; } [fill="#fff"] { fill: #1d232b; }
}
`;

let sheet = null;
/** One constructed stylesheet shared by every widget's shadow root. */
export function adoptStyles(shadow) {
  sheet ??= new CSSStyleSheet();
  if (!sheet.cssRules.length) sheet.replaceSync(WIDGET_CSS);
  shadow.adoptedStyleSheets = [sheet];
}
