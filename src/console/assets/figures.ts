// Browser script: the figure tiles and the latency, rate, error and cache charts. A string
// module, so `tsc` ships it in dist/ with no copy step; the text must hold no backtick and no
// dollar-brace (the asset test checks the scripts parse).

/** The script of `/ui/figures.js`. */
export const figuresJs = String.raw`// The tiles (req/s, p95, error and cache hit rates) and the charts of a series of history
// points; app.js chooses which figures they show (the API's live ones, a route's, or all routes').
(function () {
  'use strict';
  var C = window.ForesightCharts;
  var $ = function (id) { return document.getElementById(id); };

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

  window.ForesightFigures = { drawCharts: drawCharts, tiles: tiles, liveTiles: liveTiles };
})();
`;
