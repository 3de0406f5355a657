// Type-checks Grafana dashboard JSON against Grafana's published TypeScript types
// (`@grafana/schema`: the Dashboard and Panel shapes, and each panel plugin's Options and
// FieldConfig), with the TypeScript compiler: every object of the JSON becomes an object literal,
// so a field the types do not name is an error (excess property check), as is a wrong value type.
import path from 'node:path';
import ts from 'typescript';
import { repoRoot } from './spawn-server.js';

/** Panel plugin → the `@grafana/schema` module with its Options (and FieldConfig, where it has custom field options). */
const PANEL_TYPES: Record<string, { module: string; custom: boolean }> = {
  timeseries: { module: 'timeseries/panelcfg/x/TimeSeriesPanelCfg_types.gen', custom: true },
  table: { module: 'table/panelcfg/x/TablePanelCfg_types.gen', custom: true },
  piechart: { module: 'piechart/panelcfg/x/PieChartPanelCfg_types.gen', custom: true },
  heatmap: { module: 'heatmap/panelcfg/x/HeatmapPanelCfg_types.gen', custom: true },
  stat: { module: 'stat/panelcfg/x/StatPanelCfg_types.gen', custom: false },
  gauge: { module: 'gauge/panelcfg/x/GaugePanelCfg_types.gen', custom: false },
  bargauge: { module: 'bargauge/panelcfg/x/BarGaugePanelCfg_types.gen', custom: false },
};

// The JSON spells enum members as their values: `${E}` turns a string enum into that union.
// Every field is optional: what a dashboard leaves out, Grafana fills with its default on load
// (the types mark those "required" because they always hold a value once loaded).
// Prometheus targets: Grafana's own query type (packages/grafana-prometheus/src/dataquery.ts,
// plus the query-options `interval`), which @grafana/schema does not ship.
const PRELUDE = `import type { Dashboard, DataQuery, FieldConfig, FieldConfigSource, Panel, RowPanel } from '@grafana/schema';
type Json<T> = T extends string ? \`\${T}\` : T extends number | boolean | null | undefined ? T : T extends Array<infer U> ? Array<Json<U>> : T extends object ? { [K in keyof T]?: Json<T[K]> } : T;
type PrometheusQuery = DataQuery & {
  editorMode?: 'builder' | 'code'; exemplar?: boolean; expr: string; format?: 'time_series' | 'table' | 'heatmap';
  instant?: boolean; intervalFactor?: number; legendFormat?: string; range?: boolean; interval?: string;
};
type PanelOf<O, C> = Omit<Panel, 'options' | 'fieldConfig' | 'targets'> & {
  options?: O;
  fieldConfig?: Omit<FieldConfigSource, 'defaults'> & { defaults: Omit<FieldConfig, 'custom'> & { custom?: C } };
  targets?: PrometheusQuery[];
};
`;

/** One dashboard's check source: the dashboard without panels, then one typed const per panel. */
function sourceOf(dashboard: any): { text: string; problems: string[]; panelAt: Array<{ line: number; label: string }> } {
  const problems: string[] = [];
  const imports = new Set<string>();
  const decls: string[] = [];
  const panelAt: Array<{ line: number; label: string }> = [];
  const { panels = [], ...rest } = dashboard;
  decls.push(`export const dashboard: Json<Omit<Dashboard, 'panels'>> = ${JSON.stringify(rest, null, 1)};`);
  for (const [i, p] of (panels as any[]).entries()) {
    const label = `panel ${p.id ?? i} "${p.title ?? ''}" (${p.type})`;
    let type: string;
    if (p.type === 'row') type = 'Json<RowPanel>';
    else if (PANEL_TYPES[p.type]) {
      const { module, custom } = PANEL_TYPES[p.type]!;
      const alias = `T_${p.type}`;
      imports.add(`import type * as ${alias} from '@grafana/schema/dist/esm/raw/composable/${module}';`);
      type = `Json<PanelOf<${alias}.Options, ${custom ? `${alias}.FieldConfig` : 'Record<string, never>'}>>`;
    } else {
      problems.push(`${label}: no published types for panel type "${p.type}"`);
      continue;
    }
    panelAt.push({ line: 0, label });
    decls.push(`export const panel_${i}: ${type} = ${JSON.stringify(p, null, 1)};`);
  }
  const head = PRELUDE + [...imports].join('\n') + '\n';
  let text = head;
  let k = 0;
  for (const d of decls) {
    if (d.startsWith('export const panel_')) panelAt[k++]!.line = text.split('\n').length - 1;
    text += d + '\n';
  }
  return { text, problems, panelAt };
}

/** Findings for each dashboard (by name): fields and values Grafana's published types do not allow. */
export function checkDashboards(dashboards: Record<string, unknown>): string[] {
  const out: string[] = [];
  const files = new Map<string, { name: string; text: string; panelAt: Array<{ line: number; label: string }> }>();
  for (const [name, json] of Object.entries(dashboards)) {
    const { text, problems, panelAt } = sourceOf(json);
    out.push(...problems.map((p) => `${name}: ${p}`));
    // Beside package.json, so '@grafana/schema' resolves from this repository's node_modules.
    files.set(path.join(repoRoot, `.schema-check-${files.size}.ts`), { name, text, panelAt });
  }
  const options: ts.CompilerOptions = {
    strict: true,
    noEmit: true,
    skipLibCheck: true,
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    lib: ['lib.es2022.d.ts'],
    types: [],
  };
  const base = ts.createCompilerHost(options);
  const host: ts.CompilerHost = {
    ...base,
    getSourceFile: (f, lang, ...rest) => (files.has(f) ? ts.createSourceFile(f, files.get(f)!.text, lang) : base.getSourceFile(f, lang, ...rest)),
    fileExists: (f) => files.has(f) || base.fileExists(f),
    readFile: (f) => files.get(f)?.text ?? base.readFile(f),
  };
  const program = ts.createProgram([...files.keys()], options, host);
  for (const d of ts.getPreEmitDiagnostics(program)) {
    const file = d.file && files.get(d.file.fileName);
    const message = ts.flattenDiagnosticMessageText(d.messageText, ' ');
    if (!file) {
      out.push(`type check: ${message}`);
      continue;
    }
    const { line } = d.file!.getLineAndCharacterOfPosition(d.start ?? 0);
    const panel = file.panelAt.filter((p) => p.line <= line).at(-1);
    const where = panel ? panel.label : 'dashboard';
    out.push(`${file.name}: ${where}: ${message} (at "${file.text.split('\n')[line]!.trim().slice(0, 80)}")`);
  }
  return out;
}
