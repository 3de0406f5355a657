// Browser script: the list panels (health, alerts, recommendations, the trace list) and the
// example-trace links they carry. A string module, so `tsc` ships it in dist/ with no copy
// step; the text must hold no backtick and no dollar-brace (the asset test checks the scripts parse).

/** The script of `/ui/items.js`. */
export const itemsJs = String.raw`// The health tile and the alert and recommendation lists, most severe first; each item links
// to its example traces (#trace=<id>, which app.js opens in the waterfall).
(function () {
  'use strict';
  var C = window.ForesightCharts, h = C.h;
  var $ = function (id) { return document.getElementById(id); };
  var SEVERITY = { critical: 0, high: 1, warning: 2, medium: 3, info: 4, low: 5 };

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

  // onSilence(alert) fills the silence form; null where this server takes no silences.
  function renderAlerts(d, onSilence) {
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
      if (onSilence && !(a.silenced_by && a.silenced_by.length)) {
        var mute = h('button', 'small', 'Silence');
        mute.type = 'button';
        mute.title = 'fill the silence form with this alert';
        mute.addEventListener('click', function () { onSilence(a); });
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

  var OWN = /^\/(ui\/|api\/v1\/(performance|traces)\b)/;

  // own: list the console's own requests too (the API traces them; an app's telemetry port does not).
  function renderTraces(d, own) {
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

  window.ForesightItems = { since: since, health: renderHealth, alerts: renderAlerts, recommendations: renderRecommendations, traces: renderTraces };
})();
`;
