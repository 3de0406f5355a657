// Browser script: the Routes panel drawn from `GET /api/v1/routes` (the agent's RED view).
// A string module, so `tsc` ships it in dist/ with no copy step; the text must hold no backtick
// and no dollar-brace (the asset test checks the scripts parse).

/** The script of `/ui/routes.js`. */
export const routesJs = String.raw`// The Routes panel: one row per route pattern and method, busiest first, with its request
// rate, 5xx share and latency quantiles over the last minute, its total, and sparklines of the
// last minutes. A route's button selects it: the page then charts that route and lists its traces.
(function () {
  'use strict';
  var C = window.ForesightCharts, h = C.h;
  var $ = function (id) { return document.getElementById(id); };

  function keyOf(r) { return r.method + ' ' + r.endpoint; }
  function ms(v) { return v === null || v === undefined ? '–' : C.fmt(v) + ' ms'; }
  function num(text, cls) { return h('td', 'num' + (cls ? ' ' + cls : ''), text); }

  function spark(title, points, field, unit, cls) {
    var td = h('td', 'trend');
    var svg = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
    C.sparkline(svg, title, points.map(function (p) { return [Date.parse(p.timestamp), p[field]]; }), { unit: unit, cls: cls });
    td.appendChild(svg);
    return td;
  }

  function row(r, selected, onSelect) {
    var key = keyOf(r);
    var tr = h('tr', key === selected ? 'selected' : '');
    var cell = h('td', 'route');
    var pick = h('button', 'route-pick');
    pick.type = 'button';
    pick.setAttribute('data-route', key);
    pick.setAttribute('aria-pressed', String(key === selected));
    pick.title = key === selected ? 'show all routes again' : 'chart this route and list its traces';
    pick.appendChild(h('span', 'method', r.method));
    pick.appendChild(h('span', 'endpoint', r.endpoint));
    pick.addEventListener('click', function () { onSelect(key === selected ? null : r); });
    cell.appendChild(pick);
    tr.appendChild(cell);
    tr.appendChild(num(C.fmt(r.request_rate)));
    tr.appendChild(num(r.error_rate === null ? '–' : r.error_rate === 0 ? '0 %' : C.fmt(r.error_rate) + ' %', r.error_rate > 0 ? 'bad' : ''));
    tr.appendChild(num(ms(r.latency_p50_ms)));
    tr.appendChild(num(ms(r.latency_p95_ms)));
    tr.appendChild(num(ms(r.latency_p99_ms)));
    tr.appendChild(num(String(r.requests)));
    tr.appendChild(spark(key + ' requests per second', r.history, 'request_rate', 'req/s', 's1'));
    tr.appendChild(spark(key + ' latency p95', r.history, 'latency_p95_ms', 'ms', 's2'));
    return tr;
  }

  // d: the data of GET /api/v1/routes; selected: the key of the selected route or null.
  function render(d, selected, onSelect) {
    $('routes-count').textContent = String(d.count);
    $('routes-note').textContent = 'rates and quantiles over the last ' + Math.round(d.window_seconds) + ' s, errors are 5xx answers' +
      (d.count > d.routes.length ? '; the ' + d.routes.length + ' busiest of ' + d.count + ' shown' : '');
    var body = $('routes-body');
    // Rows are rebuilt on each poll: keep the keyboard focus on the route it was on.
    var focused = document.activeElement && document.activeElement.getAttribute('data-route');
    body.textContent = '';
    if (!d.routes.length) {
      var tr = h('tr'), td = h('td', 'muted', 'No requests yet: send some to the app.');
      td.colSpan = 9;
      tr.appendChild(td);
      body.appendChild(tr);
      return;
    }
    d.routes.forEach(function (r) { body.appendChild(row(r, selected, onSelect)); });
    if (focused) {
      var again = Array.prototype.find.call(body.querySelectorAll('button.route-pick'), function (b) { return b.getAttribute('data-route') === focused; });
      if (again) again.focus();
    }
  }

  window.ForesightRoutes = { render: render, keyOf: keyOf };
})();
`;
