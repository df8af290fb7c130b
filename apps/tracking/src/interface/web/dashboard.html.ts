/**
 * The dashboard page; everything else is drawn by `/dashboard.bundle.js`. The layout works from a
 * 390 px phone (tables become stacked cards, wide content scrolls inside its own box, never the page)
 * to a 1920×1080 wall screen (the control view puts the flight list and the open flight side by side).
 */
export const DASHBOARD_HTML = `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="icon" href="data:,">
<title>武汉航空货运枢纽 · Wuhan Air Cargo Hub</title>
<style>
  :root { --bg:#0f1b2d; --panel:#16263d; --ink:#e8eef7; --mute:#93a4bd; --ok:#3ecf8e; --warn:#f5a524; --bad:#f25f5c; --acc:#4da3ff; --line:#233a5a; }
  * { box-sizing: border-box; }
  [hidden] { display:none !important; }
  html, body { overflow-x: hidden; }
  body { margin:0; font: 14px/1.45 system-ui, "PingFang SC", "Noto Sans CJK SC", "WenQuanYi Zen Hei", "Microsoft YaHei", sans-serif; background:var(--bg); color:var(--ink); }
  header { display:flex; flex-wrap:wrap; align-items:center; gap:8px 14px; padding:10px 20px; background:#0b1423; border-bottom:1px solid var(--line); }
  header h1 { font-size:17px; margin:0; flex:1 1 260px; min-width:0; }
  nav { display:flex; flex-wrap:wrap; gap:4px; }
  nav a { display:inline-flex; align-items:center; gap:6px; padding:6px 12px; border-radius:6px; color:var(--ink); text-decoration:none; border:1px solid transparent; }
  nav a.active { background:var(--panel); border-color:#2e4a70; }
  nav .count:not(:empty) { background:var(--bad); color:#fff; border-radius:9px; padding:0 6px; font-size:12px; font-weight:700; }
  .tools { display:flex; flex-wrap:wrap; align-items:center; gap:6px 10px; }
  button, input, select { font:inherit; border-radius:6px; border:1px solid #2e4a70; background:#0f2036; color:var(--ink); padding:5px 10px; }
  button { cursor:pointer; } button.active, .chip.active { background:var(--acc); color:#04111f; border-color:var(--acc); }
  .chip { padding:3px 10px; border-radius:14px; font-size:13px; }
  .chips { display:inline-flex; flex-wrap:wrap; gap:4px; }
  form.signin { display:inline-flex; gap:6px; } form.signin input { width:170px; max-width:40vw; }
  .searchbar { padding:10px 20px 0; position:relative; }
  form.search { display:flex; gap:8px; max-width:720px; } form.search input { flex:1; min-width:0; }
  #search-results ul { list-style:none; margin:6px 0 0; padding:0; max-width:720px; }
  #search-results button { width:100%; text-align:left; margin-bottom:4px; background:var(--panel); }
  main { padding:12px 20px 20px; }
  .view > section, .panel { background:var(--panel); border-radius:10px; padding:12px 14px; min-width:0; }
  h2 { margin:0 0 8px; font-size:15px; color:var(--mute); font-weight:600; }
  h3 { margin:14px 0 6px; font-size:14px; color:var(--mute); font-weight:600; }
  .toolbar { display:flex; flex-wrap:wrap; align-items:center; gap:8px 12px; margin-bottom:8px; }
  .toolbar h2, .toolbar h3 { margin:0; flex:1 1 auto; }
  .check { display:inline-flex; align-items:center; gap:6px; color:var(--mute); font-size:13px; }
  .check input { margin:0; }
  .split { display:grid; grid-template-columns:1fr; gap:14px; }
  #board, #flight-detail { background:var(--panel); border-radius:10px; padding:10px 12px; min-width:0; }
  #flight-detail:has(.hint) { display:none; }
  .split.has-detail #flight-detail { order:-1; }
  .view-track { display:grid; grid-template-columns:1fr; gap:14px; }
  .view-network { display:grid; grid-template-columns:1fr; gap:14px; }
  .scroll { overflow-x:auto; max-width:100%; }
  .tiles { display:grid; grid-template-columns: repeat(auto-fill, minmax(220px, 1fr)); gap:10px; margin-top:8px; }
  .tile { background:#0f2036; border-radius:8px; padding:10px 12px; min-width:0; }
  .tile .v { font-size:24px; font-weight:700; } .tile .t { color:var(--mute); font-size:12px; }
  .trend { display:flex; align-items:center; gap:8px; margin-top:6px; font-size:11px; }
  .lf { display:flex; flex-wrap:wrap; align-items:center; gap:6px; }
  table { width:100%; border-collapse: collapse; } td, th { text-align:left; padding:5px 6px; border-bottom:1px solid var(--line); font-size:13px; vertical-align:top; }
  th { color:var(--mute); font-weight:600; white-space:nowrap; }
  tr.clickable { cursor:pointer; } tr.clickable:hover, tr.selected { background:#1c3150; }
  tr.fresh { animation: fresh 4s ease-out; } @keyframes fresh { from { background:#5c4a1a; } to { background:transparent; } }
  .fig, .nowrap { white-space:nowrap; } .fig { font-size:12px; }
  svg.bar { vertical-align:middle; max-width:100%; }
  .status { display:inline-block; min-width:40px; text-align:center; border-radius:4px; padding:1px 6px; font-weight:700; background:#24446b; }
  .status.TGC { background:var(--bad); } .status.DEP, .status.ARR, .status.DLV { background:#1f7a55; }
  .badge { display:inline-block; border-radius:4px; padding:0 6px; font-size:12px; background:#24446b; white-space:nowrap; }
  .badge.bad, .badge.kind-CUSTOMS_HOLD_OVERDUE, .badge.kind-NO_FLIGHT { background:#7a2a2a; } .badge.warn, .badge.kind-TRUCK_LATE, .badge.kind-SERVICE_LEVEL_AT_RISK { background:#6b4d12; }
  .badge.st-OPEN { background:#1f5f7a; } .badge.st-CUT_OFF { background:#6b4d12; } .badge.st-MANIFESTED { background:#2e4a70; } .badge.st-DEPARTED { background:#1f7a55; }
  .countdown { font-variant-numeric: tabular-nums; white-space:nowrap; } .countdown.soon { color:var(--warn); font-weight:700; }
  .flag { display:inline-block; border-radius:4px; padding:1px 6px; margin:2px 4px 2px 0; background:#5c2a2a; color:#ffd2d2; font-size:12px; }
  code { font-size:11px; color:var(--mute); word-break:break-all; }
  details summary { cursor:pointer; color:var(--mute); font-weight:600; margin:12px 0 6px; }
  .detail-head { display:flex; flex-wrap:wrap; align-items:center; gap:8px; } .detail-head h3 { margin:0; flex:1; color:var(--ink); font-size:16px; }
  dl.facts { display:grid; grid-template-columns: repeat(auto-fill, minmax(150px, 1fr)); gap:6px 14px; margin:10px 0; }
  dl.facts dt { color:var(--mute); font-size:12px; } dl.facts dd { margin:0; }
  ol.timeline { list-style:none; padding:0; margin:0; } ol.timeline li { display:grid; grid-template-columns: 56px 150px 1fr; gap:8px; padding:6px 0; border-bottom:1px solid var(--line); }
  .late { color:var(--warn); font-size:12px; } .mute { color:var(--mute); } .err { color:var(--bad); }
  a { color: var(--acc); }
  .live { display:inline-block; width:8px; height:8px; border-radius:50%; background:var(--bad); margin-right:6px; } .live.on { background:var(--ok); }
  #network svg { display:block; }
  .legend { display:flex; flex-wrap:wrap; gap:6px 16px; margin-top:8px; font-size:12px; color:var(--mute); }
  .swatch { display:inline-flex; align-items:center; gap:6px; }
  .num { text-align:right; }
  /* Wall screen: the list and the open flight side by side; network and KPIs side by side. */
  @media (min-width: 1200px) {
    .split.has-detail { grid-template-columns: minmax(0, 1.45fr) minmax(0, 1fr); }
    .split.has-detail #flight-detail { order:0; position:sticky; top:8px; align-self:start; max-height:calc(100vh - 16px); overflow:auto; }
    .view-track { grid-template-columns: minmax(0, 1.3fr) minmax(0, 1fr); }
    .view-network { grid-template-columns: minmax(0, 1.25fr) minmax(0, 1fr); align-items:start; }
  }
  /* Phone: every table a stack of cards, each value under its column's label. */
  @media (max-width: 760px) {
    header { padding:8px 12px; gap:6px 10px; } header h1 { font-size:15px; flex-basis:100%; } nav a { padding:4px 8px; } .searchbar { padding:8px 12px 0; } main { padding:10px 12px 16px; }
    table.cards thead { display:none; }
    table.cards, table.cards tbody, table.cards tr, table.cards td { display:block; width:100%; }
    table.cards tr { display:grid; grid-template-columns: 1fr 1fr; gap:2px 10px; padding:8px 4px; border-bottom:1px solid var(--line); }
    table.cards td { border:0; padding:2px 0; text-align:left; min-width:0; overflow-wrap:anywhere; }
    table.cards td::before { content: attr(data-label); display:block; color:var(--mute); font-size:11px; }
    ol.timeline li { grid-template-columns: 48px 1fr; } ol.timeline li > span:last-child { grid-column: 1 / -1; }
    .tiles { grid-template-columns: 1fr; }
  }
</style>
</head>
<body>
<header>
  <h1 id="title"></h1>
  <nav id="nav">
    <a href="#control" id="tab-control"><span id="tab-control-label"></span></a>
    <a href="#exceptions" id="tab-exceptions"><span id="tab-exceptions-label"></span><span class="count" id="exceptions-count"></span></a>
    <a href="#network" id="tab-network"><span id="tab-network-label"></span></a>
    <a href="#track" id="tab-track"><span id="tab-track-label"></span></a>
  </nav>
  <div class="tools">
    <span class="mute"><span id="live" class="live"></span><span id="live-text"></span></span>
    <span class="mute"><span id="clock-label"></span> <span id="clock-now"></span></span>
    <span><button id="lang-zh" data-lang="zh" lang="zh-CN">中文</button> <button id="lang-en" data-lang="en" lang="en">English</button></span>
    <form id="signin-form" class="signin"><input id="token-input" type="password" autocomplete="off"><button id="signin-button" type="submit"></button></form>
    <button id="signout-button" type="button" hidden></button>
  </div>
</header>
<div class="searchbar">
  <form class="search" id="search-form"><input id="awb-input" name="q" autocomplete="off"><button id="search-button" type="submit"></button></form>
  <div id="search-results"></div>
</div>
<main>
  <div id="view-control" class="view" hidden></div>
  <div id="view-exceptions" class="view panel" hidden></div>
  <div id="view-network" class="view view-network" hidden>
    <section><h2 id="network-title"></h2><div id="network"></div></section>
    <section><h2 id="kpi-title"></h2><div id="kpis" class="tiles"></div></section>
  </div>
  <div id="view-track" class="view view-track" hidden>
    <section id="tracking"><h2 id="search-title"></h2><div id="shipment"></div></section>
    <section id="holds-section"><h2 id="holds-title"></h2><div id="holds"></div></section>
  </div>
</main>
<script src="/dashboard.bundle.js"></script>
</body>
</html>
`;
