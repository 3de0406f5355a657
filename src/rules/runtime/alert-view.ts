// An engine alert record as the performance API shows it (seed 003's fields).
import type { AlertRecord } from '../engine/index.js';
import { seedLevel } from '../severity.js';
import type { AlertView } from '../views.js';

/** Maps one record. */
export function toAlertView(a: AlertRecord): AlertView {
  return {
    id: a.id,
    alertname: a.alertname,
    severity: a.severity,
    severity_level: seedLevel(a.severity) ?? null,
    state: a.state,
    message: a.annotations.summary ?? a.annotations.description ?? `${a.alertname} is ${a.state}`,
    metric_name: a.threshold?.name ?? null,
    threshold: a.threshold?.value ?? null,
    current_value: a.value,
    labels: a.labels,
    annotations: a.annotations,
    active_at: a.activeAt,
    fired_at: a.firedAt,
    resolved_at: a.resolvedAt,
    resolved_by: a.resolvedBy,
    timestamp: a.resolvedAt ?? a.firedAt ?? a.activeAt,
    silenced_by: a.silencedBy,
    inhibited_by: a.inhibitedBy ?? [],
  };
}
