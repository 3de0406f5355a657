// What Grafana 11.4's file provisioning checks in alerting files, as a list of findings, so a
// file Grafana would refuse (and, for rules, refuse to start with) fails a test here instead.
// Sources, grafana/grafana at v11.4: pkg/services/provisioning/alerting/rules_types.go (file
// parsing), pkg/services/ngalert/models/alert_rule.go (ValidateAlertRule, the state enums),
// models/alert_query.go (PreSave: relative time range), pkg/util/shortid_generator.go
// (ValidateUID), ngalert/store (190-character titles and group names; the unique index on
// org, folder and title that exists before 11.6), pkg/services/provisioning/values (which
// strings get `$NAME` expanded), pkg/expr (expression types, reducers, threshold evaluators).

const MAX_UID = 40;
const MAX_TITLE = 190;
/** `[unified_alerting] min_interval`: a group interval must be a non-zero multiple of it. */
const BASE_INTERVAL_S = 10;
const UID_CHARS = /^[a-zA-Z0-9\-_]*$/;
/** prometheus/common model.ParseDuration, which Grafana uses for `interval`, `for`, `keepFiringFor`. */
const PROM_DURATION = /^(?:0|(?=\d)(?:\d+y)?(?:\d+w)?(?:\d+d)?(?:\d+h)?(?:\d+m)?(?:\d+s)?(?:\d+ms)?)$/;
const NO_DATA_STATES = ['Alerting', 'NoData', 'OK'];
const EXEC_ERR_STATES = ['Alerting', 'Error', 'OK'];
/** Server-side expressions: a data source uid Grafana answers itself. */
const EXPRESSION_UIDS = ['__expr__', '-100'];
const EXPRESSION_TYPES = ['math', 'reduce', 'resample', 'classic_conditions', 'threshold'];
const REDUCERS = ['sum', 'mean', 'min', 'max', 'count', 'last'];
const EVALUATORS = ['gt', 'lt', 'within_range', 'outside_range'];
const MATCHER_OPS = ['=', '!=', '=~', '!~'];

/** The parsed YAML documents of one provisioning directory, by file name. */
export type ProvisioningFiles = Record<string, any>;

/** Seconds of a Prometheus duration (already checked against PROM_DURATION). */
function seconds(d: string): number {
  const unit: Record<string, number> = { y: 31536000, w: 604800, d: 86400, h: 3600, m: 60, s: 1, ms: 0.001 };
  let total = 0;
  for (const [, n, u] of d.matchAll(/(\d+)(ms|[ywdhms])/g)) total += Number(n) * unit[u!]!;
  return total;
}

/** A `$` Grafana would expand as an environment variable (`$$` is a literal `$`). */
const expands = (s: unknown) => typeof s === 'string' && /\$/.test(s.replaceAll('$$', ''));

/** The refIds an expression node reads: `expression: A` (reduce, resample, threshold) or `$A` / `${A}` in math. */
function inputsOf(model: any): string[] {
  if (model?.type === 'math') return [...String(model.expression ?? '').matchAll(/\$\{?([A-Za-z0-9_]+)\}?/g)].map((m) => m[1]!);
  if (model?.type === 'classic_conditions') return (model.conditions ?? []).map((c: any) => c.query?.params?.[0]).filter(Boolean);
  return model?.expression ? [String(model.expression)] : [];
}

function checkRule(rule: any, where: string, datasourceUids: Set<string>, out: string[]): void {
  const bad = (msg: string) => out.push(`${where}: ${msg}`);
  if (typeof rule.title !== 'string' || rule.title.trim() === '') bad('rule has no title');
  else if (rule.title.length > MAX_TITLE) bad(`title longer than ${MAX_TITLE} characters`);
  if (typeof rule.uid !== 'string' || rule.uid === '') bad('no uid');
  else {
    if (rule.uid.length > MAX_UID) bad(`uid "${rule.uid}" longer than ${MAX_UID} characters`);
    if (!UID_CHARS.test(rule.uid)) bad(`uid "${rule.uid}" has characters other than letters, digits, '-' and '_'`);
  }
  for (const field of ['uid', 'title', 'condition', 'for', 'keepFiringFor', 'noDataState', 'execErrState']) {
    if (expands(rule[field])) bad(`${field} "${rule[field]}" has a $ that Grafana expands as an environment variable (write $$)`);
  }
  for (const field of ['for', 'keepFiringFor']) {
    if (rule[field] !== undefined && rule[field] !== '' && !PROM_DURATION.test(String(rule[field]))) bad(`${field} "${rule[field]}" is not a duration`);
  }
  if (rule.noDataState !== undefined && !NO_DATA_STATES.includes(rule.noDataState)) bad(`noDataState "${rule.noDataState}" is not one of ${NO_DATA_STATES.join(', ')}`);
  if (rule.execErrState !== undefined && !EXEC_ERR_STATES.includes(rule.execErrState)) bad(`execErrState "${rule.execErrState}" is not one of ${EXEC_ERR_STATES.join(', ')}`);
  if (rule.isPaused !== undefined && typeof rule.isPaused !== 'boolean') bad('isPaused is not a boolean');
  for (const [name, value] of Object.entries((rule.labels ?? {}) as Record<string, unknown>)) {
    if (name.startsWith('__')) bad(`label ${name} is reserved`);
    if (typeof value !== 'string') bad(`label ${name} is not a string`);
    else if (expands(value)) bad(`label ${name}="${value}" has a $ that Grafana expands as an environment variable (write $$)`);
  }
  const data = (rule.data ?? []) as any[];
  if (data.length === 0) {
    bad('no data (queries or expressions)');
    return;
  }
  const refIds = data.map((q) => q.refId);
  for (const q of data) {
    const at = `refId ${q.refId}`;
    if (typeof q.refId !== 'string' || q.refId === '') bad('a query has no refId');
    else if (expands(q.refId)) bad(`${at}: has a $ that Grafana expands`);
    if (refIds.filter((r) => r === q.refId).length > 1) bad(`${at}: refId used twice`);
    if (typeof q.datasourceUid !== 'string' || q.datasourceUid === '') bad(`${at}: no datasourceUid`);
    if (q.model === null || typeof q.model !== 'object' || Array.isArray(q.model)) bad(`${at}: model is not an object`);
    else if (q.model.refId !== undefined && q.model.refId !== q.refId) bad(`${at}: model.refId is ${q.model.refId}`);
    const { from, to } = q.relativeTimeRange ?? {};
    for (const [k, v] of [['from', from], ['to', to]] as const) {
      if (v !== undefined && !Number.isInteger(v)) bad(`${at}: relativeTimeRange.${k} must be whole seconds`);
    }
    if (EXPRESSION_UIDS.includes(q.datasourceUid)) {
      if (!EXPRESSION_TYPES.includes(q.model?.type)) bad(`${at}: expression type "${q.model?.type}" unknown`);
      if (q.model?.type === 'reduce' && !REDUCERS.includes(q.model.reducer)) bad(`${at}: reducer "${q.model.reducer}" unknown`);
      if (q.model?.type === 'threshold') {
        const evaluators = (q.model.conditions ?? []).map((c: any) => c.evaluator?.type);
        if (evaluators.length === 0 || evaluators.some((e: string) => !EVALUATORS.includes(e))) bad(`${at}: threshold evaluator ${evaluators.join(', ') || 'missing'}`);
      }
      for (const input of inputsOf(q.model)) if (!refIds.includes(input)) bad(`${at}: reads refId ${input}, which the rule does not have`);
    } else {
      // Only queries have a time range; Grafana refuses one that does not go back in time.
      if (!((from ?? 0) > (to ?? 0))) bad(`${at}: relativeTimeRange.from must be greater than to`);
      if (datasourceUids.size > 0 && !datasourceUids.has(q.datasourceUid)) bad(`${at}: data source "${q.datasourceUid}" is not provisioned`);
    }
  }
  if (hasCycle(data)) bad('expressions read each other in a cycle');
  if (typeof rule.condition !== 'string' || rule.condition === '') bad('no condition');
  else if (!refIds.includes(rule.condition)) bad(`condition ${rule.condition} names no refId of the rule (${refIds.join(', ')})`);
}

function hasCycle(data: any[]): boolean {
  const inputs = new Map(data.map((q) => [q.refId, EXPRESSION_UIDS.includes(q.datasourceUid) ? inputsOf(q.model) : []]));
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (id: string): boolean => {
    if (state.get(id) === 'visiting') return true;
    if (state.get(id) === 'done') return false;
    state.set(id, 'visiting');
    const cyclic = (inputs.get(id) ?? []).some(visit);
    state.set(id, 'done');
    return cyclic;
  };
  return [...inputs.keys()].some(visit);
}

/** Findings for every `groups` document (alert rules) among the files; empty when Grafana would take them. */
export function checkAlertRules(files: ProvisioningFiles, datasourceUids: Set<string> = new Set()): string[] {
  const out: string[] = [];
  const uids = new Map<string, string>();
  const titles = new Map<string, string>();
  const groupKeys = new Map<string, string>();
  for (const [file, doc] of Object.entries(files)) {
    for (const [gi, group] of ((doc?.groups ?? []) as any[]).entries()) {
      const where = `${file} group ${group.name ?? gi}`;
      const org = Math.max(Number(group.orgId ?? 1), 1);
      if (typeof group.name !== 'string' || group.name.trim() === '') out.push(`${where}: rule group has no name`);
      else if (group.name.length > MAX_TITLE) out.push(`${where}: group name longer than ${MAX_TITLE} characters`);
      if (typeof group.folder !== 'string' || group.folder.trim() === '') out.push(`${where}: rule group has no folder`);
      for (const field of ['name', 'folder', 'interval']) if (expands(group[field])) out.push(`${where}: ${field} has a $ that Grafana expands`);
      if (!PROM_DURATION.test(String(group.interval ?? ''))) out.push(`${where}: interval "${group.interval}" is not a duration`);
      else {
        const s = seconds(String(group.interval));
        if (s <= 0 || s % BASE_INTERVAL_S !== 0) out.push(`${where}: interval ${group.interval} is not a non-zero multiple of ${BASE_INTERVAL_S}s`);
      }
      // A second group of the same name in the same folder replaces the first one's rules.
      const groupKey = `${org}/${group.folder}/${group.name}`;
      if (groupKeys.has(groupKey)) out.push(`${where}: group "${group.name}" is also defined in ${groupKeys.get(groupKey)}`);
      groupKeys.set(groupKey, where);
      for (const [ri, rule] of ((group.rules ?? []) as any[]).entries()) {
        const ruleWhere = `${where} rule ${rule.uid ?? ri}`;
        checkRule(rule, ruleWhere, datasourceUids, out);
        const uidKey = `${org}/${rule.uid}`;
        if (uids.has(uidKey)) out.push(`${ruleWhere}: uid "${rule.uid}" also used by ${uids.get(uidKey)}`);
        uids.set(uidKey, ruleWhere);
        const titleKey = `${org}/${group.folder}/${rule.title}`;
        if (titles.has(titleKey)) out.push(`${ruleWhere}: title "${rule.title}" also used in folder ${group.folder} by ${titles.get(titleKey)}`);
        titles.set(titleKey, ruleWhere);
      }
    }
  }
  return out;
}

/** Findings for contact points and notification policies: receiver uids, and every route naming a contact point. */
export function checkNotifications(files: ProvisioningFiles): string[] {
  const out: string[] = [];
  const names = new Set<string>();
  const uids = new Set<string>();
  for (const [file, doc] of Object.entries(files)) {
    for (const cp of (doc?.contactPoints ?? []) as any[]) {
      if (typeof cp.name !== 'string' || cp.name === '') out.push(`${file}: a contact point has no name`);
      names.add(cp.name);
      for (const r of (cp.receivers ?? []) as any[]) {
        if (typeof r.uid !== 'string' || r.uid.trim() === '') out.push(`${file}: ${cp.name}: a receiver has no uid`);
        else if (r.uid.length > MAX_UID || !UID_CHARS.test(r.uid)) out.push(`${file}: ${cp.name}: receiver uid "${r.uid}" is not a valid uid`);
        else if (uids.has(r.uid)) out.push(`${file}: ${cp.name}: receiver uid "${r.uid}" used twice`);
        uids.add(r.uid);
        if (typeof r.type !== 'string' || r.type === '') out.push(`${file}: ${cp.name}: a receiver has no type`);
      }
    }
  }
  const walk = (route: any, file: string) => {
    if (route.receiver !== undefined && !names.has(route.receiver)) out.push(`${file}: route to unknown contact point "${route.receiver}"`);
    for (const m of (route.object_matchers ?? []) as unknown[][]) {
      if (!Array.isArray(m) || m.length !== 3 || !MATCHER_OPS.includes(String(m[1]))) out.push(`${file}: matcher ${JSON.stringify(m)} is not [name, op, value]`);
    }
    for (const child of (route.routes ?? []) as any[]) walk(child, file);
  };
  for (const [file, doc] of Object.entries(files)) {
    for (const policy of (doc?.policies ?? []) as any[]) {
      if (!policy.receiver) out.push(`${file}: the root policy has no receiver`);
      walk(policy, file);
    }
  }
  return out;
}
