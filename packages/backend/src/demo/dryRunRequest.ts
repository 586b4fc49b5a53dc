/**
 * The body of `POST /api/scaffolder/v2/dry-run` for the "Create new Go service" template:
 * the endpoint the template editor uses. It takes the template itself (not a reference), so
 * the demo writes the real template plus sample form values to a file that the printed curl
 * command posts with `-d @file`.
 */
import { parse } from 'yaml';

/** Form values a user could type into the template; valid for the template's parameters. */
export const DEMO_SERVICE_VALUES: Record<string, unknown> = {
  name: 'hello-api',
  description: 'A hello-world HTTP service created from the hardened-go template',
  owner: 'group:default/team-payments',
  repoUrl: 'github.com?owner=acme&repo=hello-api',
  goVersion: '1.26.8',
  port: 8080,
  ci: 'github-actions',
};

export interface DryRunRequest {
  template: unknown;
  values: Record<string, unknown>;
  secrets: Record<string, string>;
  directoryContents: { path: string; base64Content: string }[];
}

export function buildDryRunRequest(templateYaml: string, values: Record<string, unknown> = DEMO_SERVICE_VALUES): DryRunRequest {
  const template = parse(templateYaml) as unknown;
  if (!template || typeof template !== 'object' || (template as { kind?: unknown }).kind !== 'Template') {
    throw new Error('the template file does not contain a Template entity');
  }
  return { template, values, secrets: {}, directoryContents: [] };
}
