// Browser script: polling, the panels, the trace list and opening traces.
// A string module, so `tsc` ships it in dist/ with no copy step; the text must hold no backtick
// and no dollar-brace (the asset test checks the scripts parse).

/** The script of `/ui/app.js`. */
export const appJs = String.raw`// The console: polls the performance and trace APIs every few seconds and redraws each panel
// on its own (a panel whose API fails says so; the others keep working). Traces open in the
// waterfall from the trace list, an alert's or a recommendation's example links, or #trace=<id>.
(function () {
  'use strict';
  var C = window.ForesightCharts, WF = window.ForesightWaterfall;
  var params = new URLSearchParams(location.search);
  var INTERVAL = Math.max(1000, Number(params.get('interval')) || 3000);
  var SEVERITY = { critical: 0, high: 1, warning: 2, medium: 3, info: 4, low: 5 };
  var paused = false;
  var $ = function (id) { return document.getElementById(id); };

  function h(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined && text !== null) e.textContent = text;
    return e;
  }

  function getJson(path) {
    return fetch('/api/v1' + path, { headers: { accept: 'application/json' } }).then(function (res) {
      return res.json().catch(function () { return null; }).then(function (body) {
        if (!res.ok || !body || body.status !== 'success') {
          throw new Error(body && body.error ? body.error.code + ': ' + body.error.message : 'HTTP ' + res.status);
        }
        return body.data;
      });
    });
  }

  function problem(id, err) {
    var box = $(id);
    box.textContent = '';
    box.appendChild(h('p', 'problem', 'Unavailable: ' + err.message));
  }

  function since(iso) {
    if (!iso) return '';
    var s = Math.max(0, Math.round((Date.now() - Date.parse(iso)) / 1000));
    return s < 90 ? s + ' s ago' : Math.round(s / 60) + ' min ago';
  }

  // Example traces: ids, or { traceId } objects, under the names the alert or recommendation uses.
  function traceLinks(item) {
    var raw = [].concat(item.example_traces || [], item.exemplars || [], item.exemplar ? [item.exemplar] : []);
    if (item.annotations && item.annotations.trace_id) raw.push(item.annotations.trace_id);
    var span = h('span', 'trace-links');
    raw.forEach(function (t, i) {
      var id = typeof t === 'string' ? t : t && t.traceId;
      if (!id) return;
      var a = h('a', 'trace-link', i === 0 ? 'example trace' : 'trace ' + (i + 1));
      a.href = '#trace=' + id;
      a.title = 'open trace ' + id + (t && t.durationMs ? ' (' + C.fmt(t.durationMs) + ' ms)' : '');
      span.appendChild(a);
    });
    return span;
  }

  function renderHealth(d) {
    var score = $('health-score');
    score.textContent = Math.round(d.health_score);
    $('health').className = 'health ' + d.status;
    $('health-status').textContent = d.status + (d.active_alerts ? ' · ' + d.active_alerts + ' firing' : '');
  }

  function renderAlerts(d) {
    var list = d.alerts.filter(function (a) { return a.state === 'firing' || a.state === 'pending'; });
    list.sort(function (a, b) { return (SEVERITY[a.severity] || 9) - (SEVERITY[b.severity] || 9); });
    var box = $('alerts');
    box.textContent = '';
    $('alerts-count').textContent = String(list.length);
    if (!list.length) return box.appendChild(h('p', 'muted', 'No active alerts.'));
    var ul = h('ul', 'items');
    list.forEach(function (a) {
      var li = h('li', 'item alert ' + a.severity);
      var head = h('div', 'item-head');
      head.appendChild(h('span', 'badge ' + a.severity, a.severity));
      head.appendChild(h('strong', '', a.alertname));
      head.appendChild(h('span', 'muted', a.state + ' · ' + since(a.fired_at || a.active_at)));
      li.appendChild(head);
      li.appendChild(h('p', '', a.message || (a.annotations && a.annotations.summary) || ''));
      li.appendChild(traceLinks(a));
      ul.appendChild(li);
    });
    box.appendChild(ul);
  }

  function renderRecommendations(d) {
    var list = d.recommendations.slice().sort(function (a, b) { return (SEVERITY[a.priority] || 9) - (SEVERITY[b.priority] || 9); });
    var box = $('recommendations');
    box.textContent = '';
    $('recommendations-count').textContent = String(list.length);
    if (!list.length) return box.appendChild(h('p', 'muted', 'No recommendations right now.'));
    var ul = h('ul', 'items');
    list.forEach(function (r) {
      var li = h('li', 'item recommendation');
      var head = h('div', 'item-head');
      head.appendChild(h('span', 'badge ' + r.priority, r.priority));
      head.appendChild(h('strong', '', r.title));
      head.appendChild(h('span', 'muted', r.category));
      li.appendChild(head);
      li.appendChild(h('p', '', r.description));
      var more = h('details');
      more.appendChild(h('summary', '', 'How to fix (effort: ' + r.effort + ')'));
      more.appendChild(h('p', '', 'Impact: ' + r.impact));
      more.appendChild(h('p', '', r.implementation));
      li.appendChild(more);
      li.appendChild(traceLinks(r));
      ul.appendChild(li);
    });
    box.appendChild(ul);
  }

  function tile(id, value, unit) {
    $(id).textContent = value === null || value === undefined ? '–' : C.fmt(value) + (unit ? ' ' + unit : '');
  }

  function renderHistory(d) {
    var pts = d.points;
    var series = function (field) { return pts.map(function (p) { return [Date.parse(p.timestamp), p[field]]; }); };
    C.lineChart($('chart-latency'), 'Latency in ms', [
      { name: 'p50', cls: 's1', points: series('latency_p50_ms') },
      { name: 'p95', cls: 's2', points: series('latency_p95_ms') },
      { name: 'p99', cls: 's3', points: series('latency_p99_ms') },
    ], { unit: 'ms' });
    C.lineChart($('chart-rate'), 'Requests per second', [{ name: 'req/s', cls: 's1', points: series('request_rate') }], { unit: 'req/s' });
    C.lineChart($('chart-errors'), 'Error rate in percent', [{ name: 'errors', cls: 's3', points: series('error_rate') }], { unit: '%' });
    C.lineChart($('chart-cache'), 'Cache hit ratio in percent', [{ name: 'hit ratio', cls: 's2', points: series('cache_hit_rate') }], { unit: '%', max: 100 });
    var last = pts.length ? pts[pts.length - 1] : {};
    tile('tile-rps', last.request_rate, 'req/s');
    tile('tile-p95', last.latency_p95_ms, 'ms');
    tile('tile-errors', last.error_rate, '%');
    tile('tile-cache', last.cache_hit_rate, '%');
    $('history-note').textContent = pts.length ? pts.length + ' samples, last ' + since(last.timestamp) : 'No samples yet: the monitor records one per interval.';
  }

  function traceQuery() {
    // Fetch more than shown: the console's own polling is filtered out here unless asked for.
    var q = '?limit=60';
    if ($('trace-errors').checked) q += '&status=error';
    var min = Number($('trace-min').value);
    if (min > 0) q += '&minDurationMs=' + min;
    return q;
  }

  var OWN = /^\/(ui\/|api\/v1\/(performance|traces)\b)/;

  function renderTraces(d) {
    var own = $('trace-own').checked;
    d.traces = d.traces.filter(function (t) { return own || !OWN.test(t.route); }).slice(0, 15);
    var body = $('traces-body');
    body.textContent = '';
    if (!d.traces.length) {
      var tr = h('tr'), td = h('td', 'muted', 'No traces yet: send some requests.');
      td.colSpan = 5;
      tr.appendChild(td);
      return body.appendChild(tr);
    }
    d.traces.forEach(function (t) {
      var tr = h('tr', t.error ? 'failed' : '');
      var cell = h('td');
      var a = h('a', 'trace-link', t.rootName);
      a.href = '#trace=' + t.traceId;
      a.title = 'open the waterfall of trace ' + t.traceId;
      cell.appendChild(a);
      tr.appendChild(cell);
      tr.appendChild(h('td', 'num', C.fmt(t.durationMs) + ' ms'));
      tr.appendChild(h('td', 'num', String(t.spanCount)));
      tr.appendChild(h('td', '', t.error ? 'error' : t.retained === 'slow' ? 'slow' : 'ok'));
      tr.appendChild(h('td', 'muted', new Date(t.startTime).toLocaleTimeString()));
      body.appendChild(tr);
    });
    $('traces-note').textContent = d.store ? d.store.traces + ' traces kept (' + d.store.retained + ' slow or failed), slow from ' + C.fmt(d.store.slowThresholdMs) + ' ms' : '';
  }

  function openTrace(id) {
    var section = $('trace-section');
    section.hidden = false;
    $('waterfall').textContent = 'Loading trace ' + id + '…';
    getJson('/traces/' + encodeURIComponent(id)).then(function (t) {
      WF.render($('waterfall'), t);
    }, function (err) { problem('waterfall', err); });
    $('trace-heading').focus();
    section.scrollIntoView({ block: 'start' });
  }

  function fromHash() {
    var m = /^#trace=([0-9a-f]{32})$/.exec(location.hash);
    if (m) openTrace(m[1]);
  }

  var panels = [
    ['/performance/health', renderHealth, 'health-status'],
    ['/performance/alerts', renderAlerts, 'alerts'],
    ['/performance/recommendations', renderRecommendations, 'recommendations'],
    ['/performance/metrics/history?limit=240', renderHistory, 'history-note'],
    [null, renderTraces, 'traces-note'],
  ];

  function tick() {
    if (paused || document.hidden) return Promise.resolve();
    return Promise.all(panels.map(function (p) {
      return getJson(p[0] || '/traces' + traceQuery()).then(p[1]).then(function () { return true; }, function (err) {
        problem(p[2], err);
        return false;
      });
    })).then(function (ok) {
      var failed = ok.filter(function (x) { return !x; }).length;
      $('updated').textContent = 'updated ' + new Date().toLocaleTimeString() + (failed ? ' · ' + failed + ' panel(s) unavailable' : '');
    });
  }

  function loop() {
    tick().then(function () { setTimeout(loop, INTERVAL); }, function () { setTimeout(loop, INTERVAL); });
  }

  $('pause').addEventListener('click', function () {
    paused = !paused;
    this.setAttribute('aria-pressed', String(paused));
    this.textContent = paused ? 'Resume' : 'Pause';
    if (!paused) tick();
  });
  document.querySelector('form.filters').addEventListener('submit', function (e) {
    e.preventDefault();
    tick();
  });
  $('trace-errors').addEventListener('change', tick);
  $('trace-own').addEventListener('change', tick);
  $('trace-min').addEventListener('change', tick);
  $('close-trace').addEventListener('click', function () {
    $('trace-section').hidden = true;
    history.replaceState(null, '', location.pathname + location.search);
  });
  window.addEventListener('hashchange', fromHash);
  // A link to the trace already in the address bar changes no hash: open it directly.
  document.addEventListener('click', function (e) {
    var a = e.target.closest && e.target.closest('a.trace-link');
    if (a && a.getAttribute('href') === location.hash) {
      e.preventDefault();
      fromHash();
    }
  });
  $('interval').textContent = String(INTERVAL / 1000);
  fromHash();
  loop();
})();
`;
