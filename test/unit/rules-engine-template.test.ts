// Annotation templates and value formatting, matching what Prometheus renders for the same
// template, and the stability of alert fingerprints.
import assert from 'node:assert/strict';
import { test } from 'vitest';
import { alertLabels, fingerprint } from '../../src/rules/engine/fingerprint.js';
import { formatG, humanize, humanize1024, humanizeDuration, humanizePercentage } from '../../src/rules/engine/humanize.js';
import { sprintf } from '../../src/rules/engine/printf.js';
import { expandTemplate } from '../../src/rules/engine/template.js';
import { alertRule } from '../helpers/rules-engine.js';

const data = { value: 0.34567, labels: { endpoint: '/api/v1/predict', city: 'paris' }, threshold: 0.2 };

test('$value, $labels.name and $threshold expand; text around them is kept', () => {
  assert.equal(
    expandTemplate('p99 of {{ $labels.endpoint }} is {{ $value }} s (threshold {{ $threshold }})', data),
    'p99 of /api/v1/predict is 0.34567 s (threshold 0.2)',
  );
  assert.equal(expandTemplate('{{$labels.missing}}|{{ .Labels.city }}|{{ .Value }}', data), '|paris|0.34567');
  assert.equal(expandTemplate('no template', data), 'no template');
});

test('pipelines and calls: humanize*, printf, toUpper', () => {
  assert.equal(expandTemplate('{{ $value | humanize }}', { ...data, value: 1234567 }), '1.235M');
  assert.equal(expandTemplate('{{ humanize $value }}', { ...data, value: 0.012345 }), '12.35m');
  assert.equal(expandTemplate('{{ $value | humanizePercentage }}', { ...data, value: 0.8512 }), '85.12%');
  assert.equal(expandTemplate('{{ $value | humanizeDuration }}', { ...data, value: 3725 }), '1h 2m 5s');
  assert.equal(expandTemplate('{{ printf "%.2f" $value }}', data), '0.35');
  assert.equal(expandTemplate('{{ $value | printf "%.1f%%" }}', { ...data, value: 85.26 }), '85.3%');
  assert.equal(expandTemplate('{{ $labels.city | toUpper }}', data), 'PARIS');
});

test('a broken template renders as Prometheus renders it, naming the problem', () => {
  assert.match(expandTemplate('{{ $nope }}', data), /^<error expanding template: undefined variable "\$nope">$/);
  assert.match(expandTemplate('{{ $value | nosuchfn }}', data), /^<error expanding template: .*nosuchfn/);
  assert.match(expandTemplate('{{ humanize "abc" }}', data), /expected a number/);
});

test('values print as Go prints float64: +Inf, -Inf, NaN', () => {
  assert.equal(expandTemplate('{{ $value }}', { ...data, value: Infinity }), '+Inf');
  assert.equal(expandTemplate('{{ $value }}', { ...data, value: -Infinity }), '-Inf');
  assert.equal(expandTemplate('{{ $value }}', { ...data, value: NaN }), 'NaN');
});

test('humanize family and %g agree with Prometheus on reference values', () => {
  assert.equal(humanize(0), '0');
  assert.equal(humanize(999), '999');
  assert.equal(humanize(1000), '1k');
  assert.equal(humanize(-2500000), '-2.5M');
  assert.equal(humanize(0.0005), '500u');
  assert.equal(humanize1024(1536), '1.5Ki');
  assert.equal(humanize1024(0.5), '0.5');
  assert.equal(humanizePercentage(0.1234), '12.34%');
  assert.equal(humanizeDuration(0), '0s');
  assert.equal(humanizeDuration(0.25), '250ms');
  assert.equal(humanizeDuration(45.5), '45.5s');
  assert.equal(humanizeDuration(90061), '1d 1h 1m 1s');
  assert.equal(formatG(12345), '1.234e+04');
  assert.equal(formatG(0.00001234), '1.234e-05');
  assert.equal(formatG(1.5), '1.5');
});

test('printf verbs: %d %s %v %e %5.1f %-4s %q and a missing argument', () => {
  assert.equal(sprintf('%d|%s|%v|%e', [3.9, 'x', 0.5, 1234.5]), '3|x|0.5|1.234500e+03');
  assert.equal(sprintf('[%5.1f][%-4s][%q]', [3.14159, 'ab', 'q']), '[  3.1][ab  ]["q"]');
  assert.equal(sprintf('%s and %s', ['one']), 'one and %!s(MISSING)');
});

test('fingerprint: sorted label set, independent of insertion order, sensitive to every pair', () => {
  const a = fingerprint({ alertname: 'X', city: 'paris', severity: 'warning' });
  assert.equal(a, fingerprint({ severity: 'warning', city: 'paris', alertname: 'X' }));
  assert.match(a, /^[0-9a-f]{40}$/);
  assert.notEqual(a, fingerprint({ alertname: 'X', city: 'oslo', severity: 'warning' }));
  // Separators prevent a pair from being forged out of its neighbours.
  assert.notEqual(fingerprint({ a: 'b\0c', d: 'e' }), fingerprint({ a: 'b', c: 'd\0e' }));
});

test('alertLabels: series labels without __name__, rule labels over them, alertname last', () => {
  const rule = alertRule({ name: 'Lat', expr: 'x', labels: { team: 'a' } });
  assert.deepEqual(alertLabels(rule, { __name__: 'x', alertname: 'spoof', team: 'b', city: 'oslo' }), {
    alertname: 'Lat',
    team: 'a',
    city: 'oslo',
    severity: 'warning',
  });
});
