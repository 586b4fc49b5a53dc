import type { Rule } from './rule';
import { finalBaseFacts } from './knownFinalBases';
import { at, stageHasPath, stageLabel } from './util';

const CA_FILES = ['/etc/ssl/certs/ca-certificates.crt', '/etc/ssl/cert.pem', '/etc/pki/tls/certs/ca-bundle.crt'];

export const GDS012: Rule = {
  id: 'GDS012',
  title: 'A scratch final stage has the CA certificate bundle',
  defaultSeverity: 'warning',
  rationale: 'scratch has no CA certificates: every outgoing HTTPS call fails with "x509: certificate signed by unknown authority".',
  fixHint: 'Add `COPY --from=build /etc/ssl/certs/ca-certificates.crt /etc/ssl/certs/` to the final stage.',
  docsPath: 'docs/rules/GDS012.md',
  related: { hadolint: [], trivy: [], checkov: [], buildkit: [] },
  check(model, policy) {
    const final = model.finalStage;
    // only scratch, or a known base without a bundle: other images are not ours to judge
    const base = finalBaseFacts(model, policy);
    if (!base || base.caBundle) return [];
    if (stageHasPath(model, final, CA_FILES) || stageHasPath(model, final, ['/etc/ssl/certs'], true)) return [];
    const where = base.label === 'scratch' ? `scratch-based final ${stageLabel(final)}` : `final ${stageLabel(final)} on ${base.label}`;
    return [at(final.from, `The ${where} has no CA bundle (/etc/ssl/certs/ca-certificates.crt), so TLS connections cannot be verified.`)];
  },
};
