// Browser script: SVG line charts and sparklines (no charting library: a few small charts do not
// earn one), and the element helper the other scripts share.
// A string module, so `tsc` ships it in dist/ with no copy step; the text must hold no backtick
// and no dollar-brace (the asset test checks the scripts parse).

/** The script of `/ui/charts.js`. */
export const chartsJs = String.raw`// Small SVG line charts for the console: one chart per metric, several series, a y grid with
// labels, first and last time on the x axis, and a text summary for screen readers; sparklines
// (one series, no axes) for table rows.
(function () {
  'use strict';
  var NS = 'http://www.w3.org/2000/svg';
  var W = 560, H = 170, L = 48, R = 10, T = 10, B = 24;

  function el(name, attrs, text) {
    var e = document.createElementNS(NS, name);
    for (var k in attrs) e.setAttribute(k, String(attrs[k]));
    if (text !== undefined) e.textContent = text;
    return e;
  }

  function niceMax(v) {
    if (!(v > 0)) return 1;
    var p = Math.pow(10, Math.floor(Math.log10(v)));
    var steps = [1, 2, 2.5, 5, 10];
    for (var i = 0; i < steps.length; i++) if (steps[i] * p >= v) return steps[i] * p;
    return 10 * p;
  }

  function fmt(v) {
    if (v === null || v === undefined || isNaN(v)) return '–';
    var a = Math.abs(v);
    return a >= 100 ? v.toFixed(0) : a >= 10 ? v.toFixed(1) : v.toFixed(2);
  }

  function clock(t) {
    return new Date(t).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit', second: '2-digit' });
  }

  // series: [{ name, cls, points: [[timeMs, value|null]] }]; opts: { unit, max }
  function lineChart(svg, title, series, opts) {
    opts = opts || {};
    while (svg.firstChild) svg.removeChild(svg.firstChild);
    svg.setAttribute('viewBox', '0 0 ' + W + ' ' + H);
    svg.setAttribute('role', 'img');
    var t0 = Infinity, t1 = -Infinity, vmax = 0;
    series.forEach(function (s) {
      s.points.forEach(function (p) {
        if (p[1] === null || p[1] === undefined || isNaN(p[1])) return;
        t0 = Math.min(t0, p[0]); t1 = Math.max(t1, p[0]); vmax = Math.max(vmax, p[1]);
      });
    });
    var summary = series.map(function (s) {
      var last = s.points.length ? s.points[s.points.length - 1][1] : null;
      return s.name + ' ' + fmt(last) + (opts.unit ? ' ' + opts.unit : '');
    }).join(', ');
    svg.appendChild(el('title', {}, title + ': ' + (t0 === Infinity ? 'no data yet' : 'latest ' + summary)));
    // One sample (or all at one time): a minute ending at it, so the axis reads as time passing.
    if (t0 !== Infinity && t1 - t0 < 1000) t0 = t1 - 60000;
    var ymax = opts.max !== undefined ? opts.max : niceMax(vmax * 1.1);
    var x = function (t) { return L + (t1 > t0 ? (t - t0) / (t1 - t0) : 1) * (W - L - R); };
    var y = function (v) { return T + (1 - Math.min(v, ymax) / ymax) * (H - T - B); };
    for (var i = 0; i <= 4; i++) {
      var v = (ymax * i) / 4, yy = y(v);
      svg.appendChild(el('line', { x1: L, x2: W - R, y1: yy, y2: yy, class: 'grid' }));
      svg.appendChild(el('text', { x: L - 6, y: yy + 4, class: 'tick', 'text-anchor': 'end' }, fmt(v)));
    }
    if (t0 === Infinity) {
      svg.appendChild(el('text', { x: W / 2, y: H / 2, class: 'empty', 'text-anchor': 'middle' }, 'waiting for data…'));
      return;
    }
    svg.appendChild(el('text', { x: L, y: H - 6, class: 'tick' }, clock(t0)));
    svg.appendChild(el('text', { x: W - R, y: H - 6, class: 'tick', 'text-anchor': 'end' }, clock(t1)));
    series.forEach(function (s) {
      var d = '', pen = 'M';
      s.points.forEach(function (p) {
        if (p[1] === null || p[1] === undefined || isNaN(p[1])) { pen = 'M'; return; }
        d += pen + x(p[0]).toFixed(1) + ' ' + y(p[1]).toFixed(1) + ' ';
        pen = 'L';
      });
      if (d) svg.appendChild(el('path', { d: d, class: 'line ' + s.cls }));
    });
  }

  // An HTML element with a class and text (set as text, never parsed as markup).
  function h(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined && text !== null) e.textContent = text;
    return e;
  }

  // points: [[timeMs, value|null]]; the y axis starts at 0; the title gives the latest and highest value.
  function sparkline(svg, title, points, opts) {
    opts = opts || {};
    var SW = 120, SH = 28, P = 2;
    while (svg.firstChild) svg.removeChild(svg.firstChild);
    svg.setAttribute('viewBox', '0 0 ' + SW + ' ' + SH);
    svg.setAttribute('role', 'img');
    svg.setAttribute('class', 'spark');
    var vals = points.filter(function (p) { return p[1] !== null && p[1] !== undefined && !isNaN(p[1]); });
    var vmax = Math.max.apply(null, [0].concat(vals.map(function (p) { return p[1]; })));
    var unit = opts.unit ? ' ' + opts.unit : '';
    svg.appendChild(el('title', {}, title + ': ' + (vals.length ? 'latest ' + fmt(vals[vals.length - 1][1]) + unit + ', highest ' + fmt(vmax) + unit : 'no data yet')));
    svg.appendChild(el('line', { x1: 0, x2: SW, y1: SH - P, y2: SH - P, class: 'grid' }));
    if (points.length < 2) return;
    var ymax = vmax > 0 ? vmax : 1;
    var d = '', pen = 'M';
    points.forEach(function (p, i) {
      if (p[1] === null || p[1] === undefined || isNaN(p[1])) { pen = 'M'; return; }
      var x = (i / (points.length - 1)) * SW, y = SH - P - (p[1] / ymax) * (SH - 2 * P);
      d += pen + x.toFixed(1) + ' ' + y.toFixed(1) + ' ';
      pen = 'L';
    });
    if (d) svg.appendChild(el('path', { d: d, class: 'line ' + (opts.cls || 's1') }));
  }

  window.ForesightCharts = { lineChart: lineChart, sparkline: sparkline, fmt: fmt, h: h };
})();
`;
