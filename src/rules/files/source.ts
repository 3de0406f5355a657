// One rule file as YAML with its node positions, so that every later check (schema, PromQL,
// cross-file references) can name the line of the node it complains about.
import { LineCounter, isNode, parseDocument, type Document } from 'yaml';
import type { RuleFileError } from '../types.js';

/** A parsed YAML document and the means to turn a value path into a line. */
export interface YamlSource {
  file: string;
  text: string;
  doc: Document.Parsed;
  lines: LineCounter;
}

/** Parses `text`; returns the source, or the YAML syntax errors with their lines. */
export function parseYaml(file: string, text: string): { source: YamlSource } | { errors: RuleFileError[] } {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: true, uniqueKeys: true });
  if (doc.errors.length > 0) {
    return {
      errors: doc.errors.map((e) => ({
        file,
        line: e.linePos?.[0].line ?? 1,
        column: e.linePos?.[0].col,
        // The pretty message repeats the source excerpt; the first line is the reason.
        reason: `YAML: ${e.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '')}`,
      })),
    };
  }
  return { source: { file, text, doc, lines } };
}

/** The YAML node at `path`, or the nearest existing ancestor (for a missing key, its map). */
export function nodeAt(source: YamlSource, path: ReadonlyArray<PropertyKey>): { node: unknown; exact: boolean } {
  for (let n = path.length; n >= 0; n--) {
    const node = n === 0 ? source.doc.contents : source.doc.getIn(path.slice(0, n) as unknown[], true);
    if (isNode(node)) return { node, exact: n === path.length };
  }
  return { node: undefined, exact: false };
}

/**
 * 1-based line of the node at `path` (or of its nearest ancestor); 1 for an empty document. A
 * map entry is reported at its key, so a nested map or list points at the line that names it.
 */
export function lineAt(source: YamlSource, path: ReadonlyArray<PropertyKey>): number {
  const { node, exact } = nodeAt(source, path);
  const last = path.at(-1);
  if (exact && typeof last === 'string') {
    const keyLine = pairKeyLine(source, path.slice(0, -1), last);
    if (keyLine !== undefined) return keyLine;
  }
  if (!isNode(node) || !node.range) return 1;
  return source.lines.linePos(node.range[0]).line;
}

function pairKeyLine(source: YamlSource, mapPath: ReadonlyArray<PropertyKey>, key: string): number | undefined {
  const map = mapPath.length === 0 ? source.doc.contents : source.doc.getIn(mapPath as unknown[], true);
  const pair = (map as { items?: Array<{ key: unknown }> } | null)?.items?.find((p) => isNode(p.key) && (p.key as { value?: unknown }).value === key);
  return pair && isNode(pair.key) && pair.key.range ? source.lines.linePos(pair.key.range[0]).line : undefined;
}

/** Line of the key `key` inside the map at `path` (where an unknown key is written). */
export function keyLineAt(source: YamlSource, path: ReadonlyArray<PropertyKey>, key: string): number {
  return pairKeyLine(source, path, key) ?? lineAt(source, path);
}

/**
 * Line of the character `offset` inside the string scalar at `path`: a block scalar's text starts
 * on the line after its indicator. Folded scalars lose their line breaks, so there it is the
 * first line of the text.
 */
export function lineInScalar(source: YamlSource, path: ReadonlyArray<PropertyKey>, value: string, offset: number): number {
  const { node, exact } = nodeAt(source, path);
  if (!exact || !isNode(node) || !node.range) return lineAt(source, path);
  const start = source.lines.linePos(node.range[0]).line;
  const type = (node as { type?: string }).type;
  const block = type === 'BLOCK_LITERAL' || type === 'BLOCK_FOLDED';
  const breaks = type === 'BLOCK_FOLDED' ? 0 : value.slice(0, offset).split('\n').length - 1;
  return start + (block ? 1 : 0) + breaks;
}
