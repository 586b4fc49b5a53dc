import type { Rule } from './rule';
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
  check(model) {
    const final = model.finalStage;
    if (model.rootBase(final).kind !== 'scratch') return [];
    if (stageHasPath(model, final, CA_FILES) || stageHasPath(model, final, ['/etc/ssl/certs'], true)) return [];
    return [at(final.from, `The scratch-based final ${stageLabel(final)} has no CA bundle (/etc/ssl/certs/ca-certificates.crt), so TLS connections cannot be verified.`)];
  },
};
