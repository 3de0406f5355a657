// Label matcher semantics (=, !=, =~, !~), shared by the parser's checks and the selectors.
import type { Matcher } from './ast.js';

/** Whether matcher `m` accepts label value `value` (an absent label has value ""). */
export function matches(m: Matcher, value: string): boolean {
  switch (m.type) {
    case '=':
      return value === m.value;
    case '!=':
      return value !== m.value;
    case '=~':
      return m.re!.test(value);
    case '!~':
      return !m.re!.test(value);
  }
}
