-- The rules service's state: alert instances and their transitions, silences, and the audit of
-- threshold changes made through the performance API.

-- One row per alert instance (a series of a rule from pending until resolved). A pending alert
-- whose condition clears before `for` elapses is deleted, as Prometheus forgets it; its
-- transitions stay in alert_history.
CREATE TABLE alerts (
  id                 bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  -- sha1 of the sorted alert labels (alertname, rule labels, series labels).
  fingerprint        text NOT NULL,
  -- Which compiled rule owns the instance (group, name, severity, ordinal), so that a removed
  -- rule's alerts can be resolved.
  rule_key           text NOT NULL,
  rule_group         text NOT NULL,
  alertname          text NOT NULL,
  severity           text NOT NULL CHECK (severity IN ('info', 'warning', 'critical')),
  labels             jsonb NOT NULL,
  annotations        jsonb NOT NULL DEFAULT '{}',
  state              text NOT NULL CHECK (state IN ('pending', 'firing', 'resolved')),
  value              float8,
  threshold_name     text,
  threshold_value    float8,
  active_at          timestamptz NOT NULL,
  fired_at           timestamptz,
  -- Set while a firing alert is held by keep_firing_for after its condition stopped.
  keep_firing_since  timestamptz,
  resolved_at        timestamptz,
  -- Who resolved it by hand; NULL for automatic resolution.
  resolved_by        text,
  -- A manually resolved alert does not re-fire until its condition has cleared once.
  awaiting_clear     boolean NOT NULL DEFAULT false,
  last_notified_at   timestamptz,
  last_notified_state text CHECK (last_notified_state IN ('firing', 'resolved')),
  last_eval_at       timestamptz NOT NULL
);

-- At most one open instance per identity; the evaluator relies on it to never duplicate.
CREATE UNIQUE INDEX alerts_open_fingerprint ON alerts (fingerprint) WHERE state IN ('pending', 'firing');
-- The performance API lists alerts by state and severity, newest first.
CREATE INDEX alerts_state_severity ON alerts (state, severity, active_at DESC);
-- Start-up reads manually resolved alerts still waiting for their condition to clear.
CREATE INDEX alerts_awaiting_clear ON alerts (fingerprint) WHERE awaiting_clear;

-- Every state change of every alert instance. No foreign key: deleted pending alerts keep their history.
CREATE TABLE alert_history (
  id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  alert_id    bigint NOT NULL,
  fingerprint text NOT NULL,
  alertname   text NOT NULL,
  severity    text NOT NULL,
  from_state  text NOT NULL CHECK (from_state IN ('inactive', 'pending', 'firing', 'resolved')),
  to_state    text NOT NULL CHECK (to_state IN ('inactive', 'pending', 'firing', 'resolved')),
  value       float8,
  at          timestamptz NOT NULL,
  -- Who made the change by hand; NULL for the evaluator.
  actor       text
);
CREATE INDEX alert_history_alert ON alert_history (alert_id, at);
CREATE INDEX alert_history_at ON alert_history (at DESC);

-- Silences: alerts whose labels match every matcher are tracked but not notified until ends_at.
CREATE TABLE silences (
  id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  -- [{"name": "...", "value": "...", "isRegex": false, "isEqual": true}], as Alertmanager's.
  matchers   jsonb NOT NULL,
  starts_at  timestamptz NOT NULL,
  ends_at    timestamptz NOT NULL CHECK (ends_at > starts_at),
  created_by text NOT NULL,
  comment    text NOT NULL DEFAULT '',
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX silences_ends_at ON silences (ends_at);

-- Audit of threshold changes (PUT /api/v1/performance/thresholds). `old` and `new` are plain
-- column names in Postgres (not reserved), kept as the performance API's contract names them.
CREATE TABLE threshold_changes (
  id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  name       text NOT NULL,
  level      text NOT NULL CHECK (level IN ('warning', 'critical')),
  old        float8,
  new        float8 NOT NULL,
  changed_by text NOT NULL,
  changed_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX threshold_changes_name ON threshold_changes (name, changed_at DESC);
