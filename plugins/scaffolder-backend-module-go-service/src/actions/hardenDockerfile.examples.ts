/** Examples shown with hardened-go:dockerfile:harden in the portal's action list (/create/actions). */
import type { TemplateExample } from '@backstage/plugin-scaffolder-node';
import * as YAML from 'yaml';

function steps(list: Array<Record<string, unknown>>): string {
  return YAML.stringify({ steps: list });
}

export const hardenDockerfileExamples: TemplateExample[] = [
  {
    description: 'Harden the Dockerfile at the root of the fetched repository.',
    example: steps([{ id: 'harden', name: 'Harden the Dockerfile', action: 'hardened-go:dockerfile:harden', input: {} }]),
  },
  {
    description:
      "The paths the drift processor checks (the entity's hardened-go.io/dockerfile-path annotation), rooted at the entity's source location, " +
      'then a pull request with the generated title, body and target path.',
    example: steps([
      {
        id: 'harden',
        name: 'Harden the Dockerfiles',
        action: 'hardened-go:dockerfile:harden',
        input: {
          path: "${{ steps.entity.output.entity.metadata.annotations['hardened-go.io/dockerfile-path'] or 'Dockerfile' }}",
          sourceLocation: "${{ steps.entity.output.entity.metadata.annotations['backstage.io/source-location'] }}",
        },
      },
      {
        id: 'pr',
        name: 'Open the pull request',
        action: 'publish:github:pull-request',
        input: {
          repoUrl: 'github.com?owner=acme&repo=orders',
          branchName: 'hardened-go/harden-dockerfile',
          title: '${{ steps.harden.output.pullRequestTitle }}',
          description: '${{ steps.harden.output.pullRequestBody }}',
          commitMessage: '${{ steps.harden.output.commitMessage }}',
          targetPath: '${{ steps.harden.output.repoPath }}',
        },
      },
    ]),
  },
  {
    description: 'Two Dockerfiles, and report instead of failing when neither needs (or allows) a rewrite.',
    example: steps([
      {
        id: 'harden',
        name: 'Harden',
        action: 'hardened-go:dockerfile:harden',
        input: { path: 'Dockerfile, deploy/worker.Dockerfile', allowNoChange: true },
      },
    ]),
  },
];
