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
  var C = window.ForesightCharts, WF = window.ForesightWaterfall, S = window.ForesightSilences, I = window.ForesightItems, F = window.ForesightFigures;
  var params = new URLSearchParams(location.search);
  var INTERVAL = Math.max(1000, Number(params.get('interval')) || 3000);
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

  function selectedRoute() {
    if (!selected || !data.routes) return null;
    return data.routes.routes.filter(function (r) { return r.method === selected.method && r.endpoint === selected.endpoint; })[0] || null;
  }

  // The tiles show the whole process: the API's live figures (else its newest snapshot), else
  // every route of the RED view. The charts show the selected route, else the history.
  function renderCharts() {
    var history = data.history, routes = data.routes, route = selectedRoute();
    if (data.live) {
      F.tiles(F.liveTiles(data.live));
    } else if (history) {
      var last = history.points.length ? history.points[history.points.length - 1] : {};
      F.tiles(last);
    } else if (routes) {
      F.tiles(routes.overall);
    }
    var pts, scope, note;
    if (route) {
      pts = route.history;
      scope = route.method + ' ' + route.endpoint;
    } else if (history) {
      pts = history.points;
      scope = '';
      note = pts.length ? pts.length + ' samples, last ' + I.since(pts[pts.length - 1].timestamp) : 'No samples yet: the monitor records one per interval.';
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
    F.drawCharts(pts, !route && !!history);
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
    ['health', '/performance/health', I.health, 'health-status'],
    ['alerts', '/performance/alerts', function (d) { I.alerts(d, absent.silences ? null : S.prefill); }, 'alerts'],
    ['recommendations', '/performance/recommendations', I.recommendations, 'recommendations'],
    ['history', '/performance/metrics/history?limit=240', null, 'history-note'],
    ['live', '/performance/metrics', null, 'history-note'],
    ['silences', '/performance/silences', function (d) { S.render(d); }, 'silences'],
    ['routes', '/routes?limit=50', renderRoutes, 'routes-note'],
    ['traces', null, function (d) { I.traces(d, absent.health || $('trace-own').checked); }, 'traces-note'],
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
