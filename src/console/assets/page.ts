// The console page: the shell every panel fills in. Scripts and styles are separate files so the
// Content-Security-Policy can forbid inline code.
// A string module, so `tsc` ships it in dist/ with no copy step; the text must hold no backtick
// and no dollar-brace (the asset test checks the scripts parse).

/** The HTML of `/ui/`. */
export const pageHtml = String.raw`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>foresight console</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="app.css">
<script src="charts.js" defer></script>
<script src="figures.js" defer></script>
<script src="items.js" defer></script>
<script src="routes.js" defer></script>
<script src="silences.js" defer></script>
<script src="waterfall.js" defer></script>
<script src="app.js" defer></script>
</head>
<body>
<header class="top">
  <h1>foresight</h1>
  <div id="health" class="health" role="status" aria-live="polite">
    <span class="score-label">health</span>
    <span id="health-score" class="score">–</span>
    <span id="health-status" class="muted">loading…</span>
  </div>
  <div class="controls">
    <span id="updated" class="muted" aria-live="off"></span>
    <span class="muted">every <span id="interval">3</span> s</span>
    <button id="pause" type="button" aria-pressed="false">Pause</button>
  </div>
</header>
<main>
  <section id="tiles" aria-labelledby="now-heading" class="tiles">
    <h2 id="now-heading" class="visually-hidden">Now</h2>
    <div class="tile"><span class="tile-label">requests</span><span id="tile-rps" class="tile-value">–</span></div>
    <div class="tile"><span class="tile-label">latency p95</span><span id="tile-p95" class="tile-value">–</span></div>
    <div class="tile"><span class="tile-label">error rate</span><span id="tile-errors" class="tile-value">–</span></div>
    <div id="tile-cache-box" class="tile"><span class="tile-label">cache hit ratio</span><span id="tile-cache" class="tile-value">–</span></div>
  </section>
  <section id="routes-panel" aria-labelledby="routes-heading" class="panel" hidden>
    <div class="section-head">
      <h2 id="routes-heading">Routes <span id="routes-count" class="count">0</span></h2>
      <span id="routes-note" class="muted"></span>
    </div>
    <div class="table-wrap">
      <table id="routes">
        <thead><tr><th scope="col">route</th><th scope="col" class="num">req/s</th><th scope="col" class="num">errors</th><th scope="col" class="num">p50</th><th scope="col" class="num">p95</th><th scope="col" class="num">p99</th><th scope="col" class="num">requests</th><th scope="col">req/s, last minutes</th><th scope="col">p95, last minutes</th></tr></thead>
        <tbody id="routes-body"><tr><td colspan="9" class="muted">loading…</td></tr></tbody>
      </table>
    </div>
  </section>
  <div class="columns">
    <section id="alerts-panel" aria-labelledby="alerts-heading" class="panel">
      <h2 id="alerts-heading">Active alerts <span id="alerts-count" class="count">0</span></h2>
      <div id="alerts" aria-live="polite"><p class="muted">loading…</p></div>
    </section>
    <section id="recommendations-panel" aria-labelledby="recommendations-heading" class="panel">
      <h2 id="recommendations-heading">Recommendations <span id="recommendations-count" class="count">0</span></h2>
      <div id="recommendations" aria-live="polite"><p class="muted">loading…</p></div>
    </section>
  </div>
  <section id="silences-panel" aria-labelledby="silences-heading" class="panel">
    <h2 id="silences-heading">Silences <span id="silences-count" class="count">0</span></h2>
    <div id="silences" aria-live="polite"><p class="muted">loading…</p></div>
    <form id="silence-form" class="filters silence-form">
      <label>matchers <input id="silence-matchers" type="text" size="36" placeholder='alertname="HighCpuUsage"' required></label>
      <label>for <select id="silence-duration"><option>30m</option><option selected>2h</option><option>8h</option><option>1d</option></select></label>
      <label>comment <input id="silence-comment" type="text" size="24" placeholder="maintenance"></label>
      <label>admin token <input id="silence-token" type="password" size="14" autocomplete="off"></label>
      <button type="submit">Silence</button>
      <span id="silence-note" class="muted" role="status"></span>
    </form>
  </section>
  <section id="charts-panel" aria-labelledby="charts-heading" class="panel">
    <h2 id="charts-heading">Latency and throughput <span id="charts-scope" class="scope"></span></h2>
    <p id="history-note" class="muted"></p>
    <div class="charts">
      <figure><figcaption>Latency (ms): <span class="key s1">p50</span> <span class="key s2">p95</span> <span class="key s3">p99</span></figcaption><svg id="chart-latency"></svg></figure>
      <figure><figcaption>Requests per second</figcaption><svg id="chart-rate"></svg></figure>
      <figure><figcaption>Error rate (%)</figcaption><svg id="chart-errors"></svg></figure>
      <figure id="figure-cache"><figcaption>Cache hit ratio (%)</figcaption><svg id="chart-cache"></svg></figure>
    </div>
  </section>
  <section id="traces-panel" aria-labelledby="traces-heading" class="panel">
    <h2 id="traces-heading">Slowest recent traces</h2>
    <form class="filters">
      <label><input id="trace-errors" type="checkbox"> errors only</label>
      <button id="trace-route" type="button" class="chip" hidden></button>
      <label id="trace-own-label"><input id="trace-own" type="checkbox"> include the console's own requests and start-up work</label>
      <label>at least <input id="trace-min" type="number" min="0" step="10" value="0" inputmode="numeric"> ms</label>
      <span id="traces-note" class="muted"></span>
    </form>
    <table id="traces">
      <thead><tr><th scope="col">root span</th><th scope="col" class="num">duration</th><th scope="col" class="num">spans</th><th scope="col">status</th><th scope="col">started</th></tr></thead>
      <tbody id="traces-body"><tr><td colspan="5" class="muted">loading…</td></tr></tbody>
    </table>
  </section>
  <section id="trace-section" aria-labelledby="trace-heading" class="panel" hidden>
    <div class="section-head">
      <h2 id="trace-heading" tabindex="-1">Trace waterfall</h2>
      <button id="close-trace" type="button">Close</button>
    </div>
    <div id="waterfall"></div>
  </section>
</main>
</body>
</html>
`;
