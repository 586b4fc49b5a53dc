import type { Rule } from './rule';
import { NO_RELATED } from './rule';

/** Produced by check/ (input validation, parse errors, model errors); never by a rule check. */
export const GDS000: Rule = {
  id: 'GDS000',
  title: 'The Dockerfile can be read and parsed with BuildKit semantics',
  defaultSeverity: 'error',
  rationale:
    'A verdict is only as good as the parse: an empty, binary, oversized or unparseable file (unterminated heredoc, unknown instruction, bad variable substitution) must never be reported as compliant.',
  fixHint: 'Make the file a valid Dockerfile that `docker buildx build` accepts.',
  docsPath: 'docs/rules/GDS000.md',
  related: NO_RELATED,
  check: () => [],
};
