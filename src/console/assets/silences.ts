// Browser script: the Silences panel drawn from `GET /api/v1/performance/silences`, and the form
// that creates one (from an alert's "Silence" button or by hand) and expires one.
// A string module, so `tsc` ships it in dist/ with no copy step; the text must hold no backtick
// and no dollar-brace (the asset test checks the scripts parse).

/** The script of `/ui/silences.js`. */
export const silencesJs = String.raw`// The Silences panel: silences in force with their matchers, end and comment, each with an
// Expire button; a form to silence an alert by name for a while. Writes need the admin token,
// typed into the form and kept only in this page (never stored).
(function () {
  'use strict';
  var C = window.ForesightCharts, h = C.h;
  var $ = function (id) { return document.getElementById(id); };
  var onChange = function () {};

  function matcherText(m) {
    return m.name + (m.isEqual === false ? (m.isRegex ? '!~' : '!=') : (m.isRegex ? '=~' : '=')) + '"' + m.value + '"';
  }

  function until(iso) {
    var s = Math.max(0, Math.round((Date.parse(iso) - Date.now()) / 1000));
    return s < 90 ? s + ' s' : s < 5400 ? Math.round(s / 60) + ' min' : Math.round(s / 360) / 10 + ' h';
  }

  // Sends a write with the token of the form; resolves with the data or rejects with the API's message.
  function write(method, path, body) {
    var token = $('silence-token').value.trim();
    var headers = { accept: 'application/json' };
    if (token) headers.authorization = 'Bearer ' + token;
    if (body) headers['content-type'] = 'application/json';
    return fetch('/api/v1/performance' + path, { method: method, headers: headers, body: body ? JSON.stringify(body) : undefined }).then(function (res) {
      return res.json().catch(function () { return null; }).then(function (b) {
        if (!res.ok || !b || b.status !== 'success') throw new Error(b && b.error ? b.error.code + ': ' + b.error.message : 'HTTP ' + res.status);
        return b.data;
      });
    });
  }

  function say(text, bad) {
    var note = $('silence-note');
    note.textContent = text;
    note.className = bad ? 'problem' : 'muted';
  }

  function expire(s) {
    write('DELETE', '/silences/' + encodeURIComponent(s.id)).then(function () {
      say('Silence ' + s.id + ' expired.');
      onChange();
    }, function (err) { say(err.message, true); });
  }

  // d: the data of GET /api/v1/performance/silences.
  function render(d) {
    $('silences-count').textContent = String(d.count);
    var box = $('silences');
    box.textContent = '';
    if (!d.silences.length) return box.appendChild(h('p', 'muted', 'No silences: every firing alert is notified.'));
    var ul = h('ul', 'items');
    d.silences.forEach(function (s) {
      var li = h('li', 'item silence');
      var head = h('div', 'item-head');
      head.appendChild(h('span', 'badge silenced', s.state));
      head.appendChild(h('code', '', s.matchers.map(matcherText).join(', ')));
      head.appendChild(h('span', 'muted', (s.state === 'pending' ? 'starts ' + new Date(s.startsAt).toLocaleTimeString() + ', ' : '') + 'ends in ' + until(s.endsAt) + ' · by ' + s.createdBy));
      li.appendChild(head);
      if (s.comment) li.appendChild(h('p', '', s.comment));
      var b = h('button', 'small', 'Expire');
      b.type = 'button';
      b.title = 'end this silence now (admin token needed)';
      b.addEventListener('click', function () { expire(s); });
      li.appendChild(b);
      ul.appendChild(li);
    });
    box.appendChild(ul);
  }

  // Fills the form to silence one alert (its name, and its endpoint when it has one).
  function prefill(alert) {
    var m = 'alertname="' + alert.alertname + '"';
    if (alert.labels && alert.labels.endpoint) m += ', endpoint="' + alert.labels.endpoint + '"';
    $('silence-matchers').value = m;
    $('silence-comment').value = '';
    $('silence-form').scrollIntoView({ block: 'nearest' });
    ($('silence-token').value ? $('silence-comment') : $('silence-token')).focus();
  }

  // "alertname=\"X\", endpoint=~\"/api.*\"" as matchers; throws naming the part that is not one.
  function parseMatchers(text) {
    return text.split(/,(?=(?:[^"]*"[^"]*")*[^"]*$)/).map(function (part) {
      var m = /^\s*([A-Za-z_]\w*)\s*(=~|!~|!=|=)\s*"?(.*?)"?\s*$/.exec(part);
      if (!m) throw new Error('not a matcher: ' + part.trim() + ' (expected name="value")');
      return { name: m[1], value: m[3], isRegex: m[2].charAt(1) === '~', isEqual: m[2].charAt(0) !== '!' };
    });
  }

  function submit(e) {
    e.preventDefault();
    var matchers;
    try {
      matchers = parseMatchers($('silence-matchers').value);
    } catch (err) {
      return say(err.message, true);
    }
    var body = { matchers: matchers, duration: $('silence-duration').value, comment: $('silence-comment').value };
    write('POST', '/silences', body).then(function (s) {
      say('Silenced until ' + new Date(s.endsAt).toLocaleTimeString() + ' (' + s.id + ').');
      onChange();
    }, function (err) { say(err.message, true); });
  }

  function init(changed) {
    onChange = changed;
    $('silence-form').addEventListener('submit', submit);
  }

  window.ForesightSilences = { render: render, prefill: prefill, init: init };
})();
`;
