import type { Rule } from './rule';
import { NO_RELATED } from './rule';

/** Produced by check/ (input validation, parse errors, model errors); never by a rule check. */
export const GDS000: Rule = {
  id: 'GDS000',
  title: 'The Dockerfile can be read and parsed with BuildKit semantics',
  defaultSeverity: 'error',
  configurable: false,
  rationale:
    'A verdict is only as good as the parse: a checker that silently skips what it cannot read reports broken files as compliant. An empty, binary, oversized or unparseable file (unterminated heredoc, unknown instruction, bad variable substitution) gets status `error`, never `compliant`.',
  fixHint: 'Make the file a valid Dockerfile that `docker buildx build` accepts.',
  docsPath: 'docs/rules/GDS000.md',
  related: NO_RELATED,
  check: () => [],
};
