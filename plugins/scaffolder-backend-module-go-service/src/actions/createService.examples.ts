/** Examples shown with hardened-go:service:create in the portal's action list (/create/actions). */
import type { TemplateExample } from '@backstage/plugin-scaffolder-node';
import * as YAML from 'yaml';

function steps(input: Record<string, unknown>): string {
  return YAML.stringify({ steps: [{ id: 'create', name: 'Create the Go service', action: 'hardened-go:service:create', input }] });
}

export const createServiceExamples: TemplateExample[] = [
  {
    description: 'A new service from the template form: module path derived from the repository, GitHub Actions CI, port 8080.',
    example: steps({
      name: '${{ parameters.name }}',
      description: '${{ parameters.description }}',
      owner: '${{ parameters.owner }}',
      system: '${{ parameters.system }}',
      repoUrl: '${{ parameters.repoUrl }}',
      goVersion: '${{ parameters.goVersion }}',
      port: '${{ parameters.port }}',
      ci: '${{ parameters.ci }}',
    }),
  },
  {
    description: 'Fixed values: an explicit module path, GitLab CI (with Renovate) and a non-default port.',
    example: steps({
      name: 'ledger',
      description: 'Keeps the ledger.',
      owner: 'group:default/finance',
      modulePath: 'gitlab.example.com/finance/ledger',
      port: 9090,
      ci: 'gitlab-ci',
    }),
  },
  {
    description: 'Into a sub-directory of the workspace, replacing files an earlier step wrote there.',
    example: steps({
      name: 'payments-api',
      description: 'Takes payments.',
      owner: 'team-payments',
      repoUrl: 'github.com?owner=acme&repo=payments',
      targetPath: 'services/payments-api',
      overwrite: true,
    }),
  },
];
