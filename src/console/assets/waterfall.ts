// Browser script: the trace waterfall drawn from `GET /api/v1/traces/:traceId`.
// A string module, so `tsc` ships it in dist/ with no copy step; the text must hold no backtick
// and no dollar-brace (the asset test checks the scripts parse).

/** The script of `/ui/waterfall.js`. */
export const waterfallJs = String.raw`// The waterfall of one trace: a row per span (name indented by depth, bar placed to scale),
// the critical path highlighted, failed spans marked; each row opens to its attributes and events.
(function () {
  'use strict';
  var fmt = function (v) { return window.ForesightCharts.fmt(v) + ' ms'; };

  function h(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined) e.textContent = text;
    return e;
  }

  function flatten(spans, out) {
    spans.forEach(function (s) { out.push(s); flatten(s.children, out); });
    return out;
  }

  function details(span) {
    var dl = h('dl', 'attrs');
    var add = function (k, v) { dl.appendChild(h('dt', '', k)); dl.appendChild(h('dd', '', v)); };
    add('span id', span.spanId);
    add('kind', span.kind);
    add('status', span.status.code + (span.status.message ? ': ' + span.status.message : ''));
    Object.keys(span.attributes).sort().forEach(function (k) {
      var v = span.attributes[k];
      add(k, typeof v === 'string' ? v : JSON.stringify(v));
    });
    span.events.forEach(function (e) {
      add('event @ ' + fmt(e.offsetMs), e.name + (Object.keys(e.attributes).length ? ' ' + JSON.stringify(e.attributes) : ''));
    });
    return dl;
  }

  function render(container, trace) {
    container.textContent = '';
    var spans = flatten(trace.spans, []);
    var total = Math.max(trace.durationMs, 0.001);
    spans.forEach(function (s) { total = Math.max(total, s.offsetMs + s.durationMs); });

    var head = h('div', 'wf-head');
    head.appendChild(h('strong', '', trace.rootName));
    head.appendChild(h('span', 'muted', ' ' + fmt(trace.durationMs) + ' · ' + trace.spanCount + ' spans · started ' +
      new Date(trace.startTime).toLocaleTimeString() + ' · trace ' + trace.traceId));
    if (trace.error) head.appendChild(h('span', 'badge critical', 'error'));
    container.appendChild(head);
    var legend = h('p', 'muted legend', 'Highlighted bars form the critical path (from the root, the child that ends last). Open a row for its attributes.');
    container.appendChild(legend);

    var scale = h('div', 'wf-row wf-scale');
    scale.appendChild(h('span', 'wf-name', 'span'));
    var ticks = h('span', 'wf-track');
    [0, 0.25, 0.5, 0.75, 1].forEach(function (f) {
      var t = h('span', 'wf-tick', fmt(total * f));
      t.style.left = (f * 100) + '%';
      ticks.appendChild(t);
    });
    scale.appendChild(ticks);
    container.appendChild(scale);

    var list = h('div', 'wf-rows');
    spans.forEach(function (s) {
      var row = h('details', 'wf-span' + (s.critical ? ' critical-path' : '') + (s.status.code === 'ERROR' ? ' failed' : ''));
      var sum = h('summary', 'wf-row');
      var name = h('span', 'wf-name', (s.status.code === 'ERROR' ? '! ' : '') + s.name);
      name.style.paddingLeft = (s.depth * 14 + 4) + 'px';
      name.title = s.name;
      var track = h('span', 'wf-track');
      var bar = h('span', 'wf-bar');
      bar.style.left = (s.offsetMs / total) * 100 + '%';
      bar.style.width = Math.max((s.durationMs / total) * 100, 0.3) + '%';
      var label = h('span', 'wf-label', fmt(s.durationMs) + ' @ ' + fmt(s.offsetMs));
      // The label goes where there is room: after the bar, before it, or inside a long one near the end.
      var start = s.offsetMs / total, end = (s.offsetMs + s.durationMs) / total;
      if (start > 0.6 || (end > 0.8 && start > 0.3)) label.classList.add('left');
      else if (end > 0.8) label.classList.add('inside');
      bar.appendChild(label);
      track.appendChild(bar);
      sum.appendChild(name);
      sum.appendChild(track);
      sum.setAttribute('aria-label', s.name + ', ' + fmt(s.durationMs) + ' starting at ' + fmt(s.offsetMs) +
        (s.critical ? ', on the critical path' : '') + (s.status.code === 'ERROR' ? ', failed' : ''));
      row.appendChild(sum);
      row.appendChild(details(s));
      list.appendChild(row);
    });
    container.appendChild(list);
  }

  window.ForesightWaterfall = { render: render };
})();
`;
