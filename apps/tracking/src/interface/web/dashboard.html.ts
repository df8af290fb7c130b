/** The dashboard page; everything else is drawn by `/dashboard.bundle.js`. */
export const DASHBOARD_HTML = `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>武汉航空货运枢纽 · Wuhan Air Cargo Hub</title>
<style>
  :root { --bg:#0f1b2d; --panel:#16263d; --ink:#e8eef7; --mute:#93a4bd; --ok:#3ecf8e; --warn:#f5a524; --bad:#f25f5c; --acc:#4da3ff; }
  * { box-sizing: border-box; }
  body { margin:0; font: 14px/1.45 system-ui, "PingFang SC", "Noto Sans CJK SC", "Microsoft YaHei", sans-serif; background:var(--bg); color:var(--ink); }
  header { display:flex; align-items:center; gap:16px; padding:12px 20px; background:#0b1423; border-bottom:1px solid #233a5a; }
  header h1 { font-size:18px; margin:0; flex:1; }
  button, input, select { font:inherit; border-radius:6px; border:1px solid #2e4a70; background:#0f2036; color:var(--ink); padding:6px 10px; }
  button { cursor:pointer; } button.active { background:var(--acc); color:#04111f; }
  main { display:grid; grid-template-columns: 1.2fr 1fr; gap:16px; padding:16px 20px; }
  section { background:var(--panel); border-radius:10px; padding:14px 16px; min-width:0; }
  section h2 { margin:0 0 10px; font-size:15px; color:var(--mute); font-weight:600; }
  .wide { grid-column: 1 / -1; }
  .tiles { display:grid; grid-template-columns: repeat(auto-fill, minmax(210px, 1fr)); gap:12px; }
  .tile { background:#0f2036; border-radius:8px; padding:10px 12px; }
  .tile .v { font-size:24px; font-weight:700; } .tile .t { color:var(--mute); font-size:12px; }
  table { width:100%; border-collapse: collapse; } td, th { text-align:left; padding:5px 6px; border-bottom:1px solid #233a5a; font-size:13px; }
  th { color:var(--mute); font-weight:600; }
  .status { display:inline-block; min-width:40px; text-align:center; border-radius:4px; padding:1px 6px; font-weight:700; background:#24446b; }
  .status.TGC { background:var(--bad); } .status.DEP, .status.ARR, .status.DLV { background:#1f7a55; }
  .flag { display:inline-block; border-radius:4px; padding:1px 6px; margin:2px 4px 2px 0; background:#5c2a2a; color:#ffd2d2; font-size:12px; }
  ol.timeline { list-style:none; padding:0; margin:0; } ol.timeline li { display:grid; grid-template-columns: 56px 150px 1fr; gap:8px; padding:6px 0; border-bottom:1px solid #233a5a; }
  .late { color:var(--warn); font-size:12px; } .mute { color:var(--mute); } .err { color:var(--bad); }
  form.signin { display:inline-flex; gap:6px; } form.signin input { width:180px; }
  form.search { display:flex; gap:8px; margin-bottom:10px; } form.search input { flex:1; }
  a { color: var(--acc); }
  .live { display:inline-block; width:8px; height:8px; border-radius:50%; background:var(--bad); margin-right:6px; } .live.on { background:var(--ok); }
  @media (max-width: 900px) { main { grid-template-columns: 1fr; } }
</style>
</head>
<body>
<header>
  <h1 id="title"></h1>
  <span class="mute"><span id="live" class="live"></span><span id="live-text"></span></span>
  <button id="lang-zh" data-lang="zh">中文</button><button id="lang-en" data-lang="en">English</button>
  <form id="signin-form" class="signin"><input id="token-input" type="password" autocomplete="off"><button id="signin-button" type="submit"></button></form>
  <button id="signout-button" type="button" hidden></button>
</header>
<main>
  <section id="tracking">
    <h2 id="search-title"></h2>
    <form class="search" id="search-form"><input id="awb-input" name="awb" autocomplete="off" placeholder="784-12345675"><button id="search-button" type="submit"></button></form>
    <div id="shipment"></div>
  </section>
  <section id="holds-section"><h2 id="holds-title"></h2><div id="holds"></div></section>
  <section class="wide" id="kpi-section"><h2 id="kpi-title"></h2><div id="kpis" class="tiles"></div></section>
  <section class="wide" id="board-section"><h2 id="board-title"></h2><div id="board"></div></section>
</main>
<script src="/dashboard.bundle.js"></script>
</body>
</html>
`;
