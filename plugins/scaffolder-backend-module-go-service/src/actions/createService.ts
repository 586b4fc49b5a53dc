/**
 * hardened-go:service:create — writes a new Go service (generateGoService from the standard
 * package) into the scaffolder workspace. The scaffolder only checks the JSON Schema derived
 * from the zod schema (types, enums, unknown keys) and never parses it, so the handler parses
 * the input with the same zod schema: defaults are applied and every field gets the shared
 * validation message of the standard package.
 */
import { createTemplateAction, type TemplateAction } from '@backstage/plugin-scaffolder-node';
import { InputError } from '@backstage/errors';
import { describeIssues, type Policy } from '@hardened-go/plugin-dockerfile-compliance-common';
import { CI_PROVIDERS, DEFAULT_PORT, SERVICE_FIELD_CHECKS, ServiceParamsError, UnsafeWriteError, generateGoService, goVersionProblem, relativePathProblem, writeFilesSafely } from '@hardened-go/plugin-dockerfile-compliance-node';
import * as path from 'node:path';
import { z as zodV3, type z as zod } from 'zod/v3';
import { createServiceExamples } from './createService.examples';

/** @public */
export const CREATE_SERVICE_ACTION_ID = 'hardened-go:service:create';

type Check = (value: unknown) => string | undefined;

/**
 * The action's input, after defaults (what the schema below parses to). Declared, not
 * inferred from the schema, so the public API reads the same on every build.
 *
 * @public
 */
export type CreateServiceActionInput = {
  name: string;
  description: string;
  owner: string;
  system?: string;
  repoUrl?: string;
  modulePath?: string;
  goVersion: string;
  port: number;
  ci: string;
  targetPath: string;
  overwrite: boolean;
};

/**
 * The action's output.
 *
 * @public
 */
export type CreateServiceActionOutput = {
  files: string[];
  standardVersion: string;
  dockerfilePath: string;
  modulePath: string;
  requiredStatusChecks: string[];
};

/** The action's input schema; the portal shows it, the handler parses with it. */
export function serviceInputSchema(z: typeof zod, policy: Policy) {
  const refine = (check: Check) => (value: unknown, ctx: zod.RefinementCtx) => {
    const message = check(value);
    if (message) ctx.addIssue({ code: z.ZodIssueCode.custom, message });
  };
  const required = (check: Check) => ({ required_error: check(undefined), invalid_type_error: check(undefined) });
  // Enum errors in the words of the shared checks instead of zod's "Invalid enum value".
  const enumMessages = (check: Check) => ({
    errorMap: (_issue: unknown, ctx: { data: unknown; defaultError: string }) => ({ message: check(ctx.data) ?? ctx.defaultError }),
  });
  const goVersions = policy.supportedGoVersions;
  const goVersion =
    goVersions.length > 0
      ? z.enum(goVersions as [string, ...string[]], enumMessages(value => goVersionProblem(value, policy))).default(goVersions[0]!)
      : z.string().refine(() => false, 'cannot be chosen: the policy lists no supported Go versions');

  return z.object({
    name: z
      .string(required(SERVICE_FIELD_CHECKS.name))
      .superRefine(refine(SERVICE_FIELD_CHECKS.name))
      .describe('Service name: a DNS label (lower-case letters, digits, -; at most 63). Names the catalog entity, binary and image.'),
    description: z
      .string(required(SERVICE_FIELD_CHECKS.description))
      .superRefine(refine(SERVICE_FIELD_CHECKS.description))
      .describe('One line saying what the service does (no template syntax).'),
    owner: z
      .string(required(SERVICE_FIELD_CHECKS.owner))
      .superRefine(refine(SERVICE_FIELD_CHECKS.owner))
      .describe('Owning group or user, as an entity reference (group:default/team-a).'),
    system: z.string().superRefine(refine(SERVICE_FIELD_CHECKS.system)).optional().describe('System entity reference the service belongs to.'),
    repoUrl: z
      .string()
      .superRefine(refine(SERVICE_FIELD_CHECKS.repoUrl))
      .optional()
      .describe('Repository location as RepoUrlPicker writes it (github.com?owner=acme&repo=payments): the default module path and the catalog source location.'),
    modulePath: z
      .string()
      .superRefine(refine(SERVICE_FIELD_CHECKS.modulePath))
      .optional()
      .describe('Go module path. Default: host/owner/repo of repoUrl.'),
    goVersion: goVersion.describe(`Go version (one the policy supports: ${goVersions.join(', ')}).`),
    port: z
      .number({ invalid_type_error: SERVICE_FIELD_CHECKS.port('not a number') })
      .superRefine(refine(SERVICE_FIELD_CHECKS.port))
      .default(DEFAULT_PORT)
      .describe('TCP port the service listens on (1024-65535).'),
    ci: z
      .enum(CI_PROVIDERS as [string, ...string[]], enumMessages(SERVICE_FIELD_CHECKS.ci))
      .default('github-actions')
      .describe('CI system: github-actions (with Dependabot) or gitlab-ci (with Renovate).'),
    targetPath: z
      .string()
      .superRefine(refine(value => (typeof value === 'string' ? relativePathProblem(value) : undefined)))
      .default('.')
      .describe('Directory inside the workspace to write to (relative; default the workspace root).'),
    overwrite: z.boolean().default(false).describe('Replace files that already exist in the workspace (default false: refuse).'),
  });
}

function outputSchema(z: typeof zod) {
  return z.object({
    files: z.array(z.string()).describe('Paths written, relative to the workspace.'),
    standardVersion: z.string().describe('Version of the hardened Go standard the Dockerfile follows.'),
    dockerfilePath: z.string().describe('Path of the Dockerfile, relative to the workspace.'),
    modulePath: z.string().describe('The Go module path used.'),
    requiredStatusChecks: z.array(z.string()).describe('CI job names to require on the default branch (empty for GitLab CI).'),
  });
}

/** @public */
export function createServiceAction(options: { policy: Policy }): TemplateAction<CreateServiceActionInput, CreateServiceActionOutput, 'v2'> {
  const { policy } = options;
  return createTemplateAction({
    id: CREATE_SERVICE_ACTION_ID,
    description:
      'Creates a production-grade Go service in the workspace: HTTP service with health/readiness and graceful shutdown, tests, ' +
      'the hardened Dockerfile of the standard, CI (GitHub Actions or GitLab CI), dependency updates, lint config and catalog-info.yaml.',
    examples: createServiceExamples,
    supportsDryRun: true,
    schema: {
      input: (z: typeof zod) => serviceInputSchema(z, policy),
      output: outputSchema,
    },
    async handler(ctx) {
      // ctx.input is the raw step input: parse it with the same schema (defaults, messages).
      const parsed = serviceInputSchema(zodV3, policy).safeParse(ctx.input);
      if (!parsed.success) {
        throw new InputError(`Invalid input to ${CREATE_SERVICE_ACTION_ID}: ${describeIssues(parsed.error.issues)}`);
      }
      const { targetPath, overwrite, ...request } = parsed.data;

      let service;
      try {
        service = generateGoService(request, policy);
      } catch (e) {
        if (e instanceof ServiceParamsError) {
          throw new InputError(`Invalid input to ${CREATE_SERVICE_ACTION_ID}: ${describeIssues(e.issues.map(i => ({ path: [i.field], message: i.message })))}`);
        }
        throw e;
      }

      if (ctx.isDryRun) ctx.logger.info('Dry run: writing the generated files into the temporary dry-run workspace only');
      let written: string[];
      try {
        written = await writeFilesSafely(service.files, { root: ctx.workspacePath, targetPath, overwrite });
      } catch (e) {
        if (e instanceof UnsafeWriteError) throw new InputError(`${CREATE_SERVICE_ACTION_ID}: ${e.message}`);
        throw e;
      }
      ctx.logger.info(`Created Go service ${service.params.name} (${service.params.modulePath}, Go ${service.params.goVersion}, ${service.params.ci}): ${written.length} files`);

      ctx.output('files', written);
      ctx.output('standardVersion', service.standardVersion);
      ctx.output('dockerfilePath', path.posix.join(targetPath, service.dockerfilePath));
      ctx.output('modulePath', service.params.modulePath);
      ctx.output('requiredStatusChecks', service.requiredStatusChecks);
    },
  });
}
