// Reading lezer-promql's syntax tree: source slices, named children, string literals, and
// errors that name the column. Shared by the parser's parts (parse.ts, parse-selector.ts,
// parse-binary.ts).
import type { parser } from '@prometheus-io/lezer-promql';
import { parseString } from './literals.js';
import { EXPR_NODES } from './grammar.js';

// Taken from the parser's own types so only declared dependencies are imported.
export type SyntaxNode = ReturnType<typeof parser.parse>['topNode'];

/** An error at a column of the expression (1-based). */
export class PromQLError extends Error {}

/** One expression's text and the helpers every part of the parser reads its tree with. */
export class SyntaxReader {
  constructor(readonly text: string) {}

  src(node: SyntaxNode): string {
    return this.text.slice(node.from, node.to);
  }

  fail(message: string, node: SyntaxNode): never {
    throw new PromQLError(`${message} at ${node.from + 1}`);
  }

  unsupported(what: string, node: SyntaxNode): never {
    this.fail(`unsupported in embedded mode: ${what}`, node);
  }

  /** The children of `node` that are expressions. */
  exprChildren(node: SyntaxNode): SyntaxNode[] {
    const out: SyntaxNode[] = [];
    for (let c = node.firstChild; c; c = c.nextSibling) if (EXPR_NODES.has(c.type.name)) out.push(c);
    return out;
  }

  /** The first child named `name`, or null. */
  child(node: SyntaxNode, name: string): SyntaxNode | null {
    for (let c = node.firstChild; c; c = c.nextSibling) if (c.type.name === name) return c;
    return null;
  }

  /** A string literal's value. */
  string(node: SyntaxNode): string {
    try {
      return parseString(this.src(node));
    } catch (err) {
      this.fail((err as Error).message, node);
    }
  }

  /** The label names of a grouping list (`by (a, "b")`). */
  labels(node: SyntaxNode): string[] {
    const out: string[] = [];
    for (let c = node.firstChild; c; c = c.nextSibling) {
      if (c.type.name === 'LabelName') out.push(this.src(c));
      else if (c.type.name === 'QuotedLabelName') out.push(this.string(c.firstChild ?? c));
    }
    return out;
  }
}
