// Public entry of the rule exports: plain Prometheus rule files, Grafana alerting provisioning,
// and promtool runs over the exported rules.
export { exportPrometheus, prometheusRuleGroups, PROMETHEUS_RULE_FILE, type PrometheusRule } from './prometheus.js';
export { exportGrafana, grafanaUid, type GrafanaExportOptions } from './grafana.js';
export { promtoolCheck, promtoolTest, runPromtool, listTestFiles, type PromtoolOptions, type PromtoolResult } from './promtool.js';
