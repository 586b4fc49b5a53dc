/**
 * Default checks on the facts, for the JSON rules engine fact checker
 * (@backstage-community/plugin-tech-insights-backend-module-jsonfc). They are configuration,
 * not code: the same list is in docs/tech-insights.md as YAML for
 * `techInsights.factChecker.checks`, and a test keeps the two equal.
 */
import { DOCKERFILE_COMPLIANCE_FACT_RETRIEVER_ID } from './facts';

const check = (name: string, description: string, fact: string, value: boolean | number) => ({
  type: 'json-rules-engine',
  name,
  description,
  factIds: [DOCKERFILE_COMPLIANCE_FACT_RETRIEVER_ID],
  rule: { conditions: { all: [{ fact, operator: 'equal', value }] } },
});

/**
 * `techInsights.factChecker.checks` entries: Dockerfile compliant, no error findings, GDS018 clean.
 *
 * @public
 */
export const DOCKERFILE_COMPLIANCE_CHECKS = {
  hardenedGoDockerfileCompliant: check('Dockerfile compliant', 'Every Dockerfile meets the hardened Go container standard', 'compliant', true),
  hardenedGoNoErrorFindings: check('No Dockerfile error findings', 'No unsuppressed error finding in any Dockerfile', 'errors', 0),
  hardenedGoGds018Clean: check('Build image matches go.mod (GDS018)', "The build stage's Go is not older than go.mod requires", 'GDS018', true),
};
