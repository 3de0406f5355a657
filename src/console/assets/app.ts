// Browser script: polling, the panels, the trace list and opening traces.
// A string module, so `tsc` ships it in dist/ with no copy step; the text must hold no backtick
// and no dollar-brace (the asset test checks the scripts parse).

/** The script of `/ui/app.js`. */
export const appJs = String.raw`// The console: polls the APIs of the server that serves it every few seconds and redraws each
// panel on its own (a panel whose API fails says so; the others keep working). The server says
// in sources.json which APIs it answers: the prediction API has health, alerts and history; an
// app's telemetry port has the per-route RED view instead. Panels of an API it does not answer
// are hidden (as they are when one answers 404). Traces open in the waterfall from the trace
// list, an alert's or a recommendation's example links, or #trace=<id>.
(function () {
  'use strict';
  var C = window.ForesightCharts, WF = window.ForesightWaterfall, S = window.ForesightSilences;
  var params = new URLSearchParams(location.search);
  var INTERVAL = Math.max(1000, Number(params.get('interval')) || 3000);
  var SEVERITY = { critical: 0, high: 1, warning: 2, medium: 3, info: 4, low: 5 };
  var paused = false;
  var $ = function (id) { return document.getElementById(id); };
  var h = C.h;
  // Sources this server does not answer; the last data of each source that does (null after a failure).
  var absent = {}, data = {};
  // The route selected in the Routes panel ({ method, endpoint }), or null for all routes.
  var selected = null;

  function getJson(path) {
    return fetch('/api/v1' + path, { headers: { accept: 'application/json' } }).then(function (res) {
      return res.json().catch(function () { return null; }).then(function (body) {
        if (!res.ok || !body || body.status !== 'success') {
          var err = new Error(body && body.error ? body.error.code + ': ' + body.error.message : 'HTTP ' + res.status);
          err.status = res.status;
          throw err;
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
      // Listed but not notified: a silence mutes it, or a related alert that fires inhibits it.
      if (a.silenced_by && a.silenced_by.length) head.appendChild(h('span', 'badge silenced', 'silenced'));
      if (a.inhibited_by && a.inhibited_by.length) head.appendChild(h('span', 'badge silenced', 'inhibited'));
      li.appendChild(head);
      li.appendChild(h('p', '', a.message || (a.annotations && a.annotations.summary) || ''));
      var links = traceLinks(a);
      if (!absent.silences && !(a.silenced_by && a.silenced_by.length)) {
        var mute = h('button', 'small', 'Silence');
        mute.type = 'button';
        mute.title = 'fill the silence form with this alert';
        mute.addEventListener('click', function () { S.prefill(a); });
        links.appendChild(mute);
      }
      li.appendChild(links);
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

  var pointSeries = function (pts, field) { return pts.map(function (p) { return [Date.parse(p.timestamp), p[field]]; }); };

  // pts: history points (request_rate, error_rate, latency_p50/p95/p99_ms; cache_hit_rate from the API only).
  function drawCharts(pts, withCache) {
    C.lineChart($('chart-latency'), 'Latency in ms', [
      { name: 'p50', cls: 's1', points: pointSeries(pts, 'latency_p50_ms') },
      { name: 'p95', cls: 's2', points: pointSeries(pts, 'latency_p95_ms') },
      { name: 'p99', cls: 's3', points: pointSeries(pts, 'latency_p99_ms') },
    ], { unit: 'ms' });
    C.lineChart($('chart-rate'), 'Requests per second', [{ name: 'req/s', cls: 's1', points: pointSeries(pts, 'request_rate') }], { unit: 'req/s' });
    C.lineChart($('chart-errors'), 'Error rate in percent', [{ name: 'errors', cls: 's3', points: pointSeries(pts, 'error_rate') }], { unit: '%' });
    $('figure-cache').hidden = !withCache;
    if (withCache) C.lineChart($('chart-cache'), 'Cache hit ratio in percent', [{ name: 'hit ratio', cls: 's2', points: pointSeries(pts, 'cache_hit_rate') }], { unit: '%', max: 100 });
  }

  function tile(id, value, unit) {
    $(id).textContent = value === null || value === undefined ? '–' : C.fmt(value) + (unit ? ' ' + unit : '');
  }

  function tiles(now) {
    tile('tile-rps', now.request_rate, 'req/s');
    tile('tile-p95', now.latency_p95_ms, 'ms');
    tile('tile-errors', now.error_rate, '%');
    tile('tile-cache', now.cache_hit_rate, '%');
  }

  function selectedRoute() {
    if (!selected || !data.routes) return null;
    return data.routes.routes.filter(function (r) { return r.method === selected.method && r.endpoint === selected.endpoint; })[0] || null;
  }

  // The API's current figures (the last minute of requests, live from the first one) as tiles.
  function liveTiles(d) {
    var r = d.requests || {};
    return {
      request_rate: r.count ? r.rate : 0,
      latency_p95_ms: r.latency_ms ? r.latency_ms.p95 : null,
      error_rate: r.count ? r.error_rate : null,
      cache_hit_rate: d.cacheMetrics ? d.cacheMetrics.hitRate : null,
    };
  }

  // The tiles show the whole process: the API's live figures (else its newest snapshot), else
  // every route of the RED view. The charts show the selected route, else the history.
  function renderCharts() {
    var history = data.history, routes = data.routes, route = selectedRoute();
    if (data.live) {
      tiles(liveTiles(data.live));
    } else if (history) {
      var last = history.points.length ? history.points[history.points.length - 1] : {};
      tiles(last);
    } else if (routes) {
      tiles(routes.overall);
    }
    var pts, scope, note;
    if (route) {
      pts = route.history;
      scope = route.method + ' ' + route.endpoint;
    } else if (history) {
      pts = history.points;
      scope = '';
      note = pts.length ? pts.length + ' samples, last ' + since(pts[pts.length - 1].timestamp) : 'No samples yet: the monitor records one per interval.';
    } else if (routes) {
      pts = routes.overall.history;
      scope = 'all routes';
    } else {
      return;
    }
    if (note === undefined) {
      note = pts.length ? pts.length + ' points of ' + routes.interval_seconds + ' s from the RED metrics of this process' : 'No points yet: one every ' + routes.interval_seconds + ' s.';
    }
    $('charts-scope').textContent = scope ? '· ' + scope : '';
    $('history-note').textContent = note;
    drawCharts(pts, !route && !!history);
  }

  // The selection, and the chip in the trace filters that clears it.
  function setSelection(r) {
    selected = r ? { method: r.method, endpoint: r.endpoint } : null;
    var chip = $('trace-route');
    chip.hidden = !selected;
    chip.textContent = selected ? 'route ' + selected.endpoint + ' ×' : '';
    chip.title = 'list the traces of every route again';
  }

  function renderRoutes(d) {
    if (selected && !d.routes.some(function (r) { return r.method === selected.method && r.endpoint === selected.endpoint; })) setSelection(null);
    window.ForesightRoutes.render(d, selected && selected.method + ' ' + selected.endpoint, selectRoute);
  }

  function selectRoute(r) {
    setSelection(r);
    if (data.routes) renderRoutes(data.routes);
    renderCharts();
    tick();
  }

  function traceQuery() {
    // Fetch more than shown: the console's own polling is filtered out here unless asked for.
    var q = '?limit=60';
    // Request traces only (start-up training is background work) unless the console's own are asked for.
    if (!absent.health && !$('trace-own').checked) q += '&kind=server';
    if (selected) q += '&route=' + encodeURIComponent(selected.endpoint);
    if ($('trace-errors').checked) q += '&status=error';
    var min = Number($('trace-min').value);
    if (min > 0) q += '&minDurationMs=' + min;
    return q;
  }

  var OWN = /^\/(ui\/|api\/v1\/(performance|traces)\b)/;

  function renderTraces(d) {
    // Only the API traces the console's own requests: an app's telemetry port is not observed.
    var own = absent.health || $('trace-own').checked;
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

  // [source, path, render, element for a failure]; the panel of a source ends where its data is drawn.
  var panels = [
    ['health', '/performance/health', renderHealth, 'health-status'],
    ['alerts', '/performance/alerts', renderAlerts, 'alerts'],
    ['recommendations', '/performance/recommendations', renderRecommendations, 'recommendations'],
    ['history', '/performance/metrics/history?limit=240', null, 'history-note'],
    ['live', '/performance/metrics', null, 'history-note'],
    ['silences', '/performance/silences', function (d) { S.render(d); }, 'silences'],
    ['routes', '/routes?limit=50', renderRoutes, 'routes-note'],
    ['traces', null, renderTraces, 'traces-note'],
  ];

  // Shows the panels of the sources this server answers and hides the others.
  function layout() {
    $('health').hidden = !!absent.health;
    $('alerts-panel').hidden = !!absent.alerts;
    $('recommendations-panel').hidden = !!absent.recommendations;
    $('silences-panel').hidden = !!absent.silences;
    $('routes-panel').hidden = !!absent.routes;
    $('traces-panel').hidden = !!absent.traces;
    $('charts-panel').hidden = !!(absent.history && absent.routes);
    $('tiles').hidden = !!(absent.history && absent.routes);
    $('tile-cache-box').hidden = !!absent.history;
    $('trace-own-label').hidden = !!absent.health;
  }

  function tick() {
    if (paused || document.hidden) return Promise.resolve();
    return Promise.all(panels.filter(function (p) { return !absent[p[0]]; }).map(function (p) {
      return getJson(p[1] || '/traces' + traceQuery()).then(function (d) {
        data[p[0]] = d;
        if (p[2]) p[2](d);
        return true;
      }, function (err) {
        data[p[0]] = null;
        // Not served here after all (an older server): the panel goes, it is no failure.
        if (err.status === 404) {
          absent[p[0]] = true;
          layout();
          return true;
        }
        problem(p[3], err);
        return false;
      });
    })).then(function (ok) {
      renderCharts();
      var failed = ok.filter(function (x) { return !x; }).length;
      $('updated').textContent = 'updated ' + new Date().toLocaleTimeString() + (failed ? ' · ' + failed + ' panel(s) unavailable' : '');
    });
  }

  // The sources this server answers; all of them when it does not say.
  function sources() {
    return fetch('sources.json', { headers: { accept: 'application/json' } }).then(function (res) {
      return res.ok ? res.json() : null;
    }).then(function (body) {
      if (!body || !Array.isArray(body.sources)) return;
      panels.forEach(function (p) { if (body.sources.indexOf(p[0]) < 0) absent[p[0]] = true; });
    }, function () { return undefined; });
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
  $('trace-route').addEventListener('click', function () { selectRoute(null); });
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
  S.init(tick);
  $('interval').textContent = String(INTERVAL / 1000);
  fromHash();
  sources().then(function () {
    layout();
    loop();
  });
})();
`;
