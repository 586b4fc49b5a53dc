/**
 * hardened-go:dockerfile:harden — rewrites the Dockerfile(s) of a fetched Go service in the
 * scaffolder workspace to the hardened standard with the library's harden() (the same fixer
 * as `hardened-go fix`), and outputs what it fixed, what is left, and a ready pull request
 * (title, commit message, Markdown body with rule links) plus the unified diff.
 *
 * Per file there are three honest outcomes: fixed (rewritten, checks clean), already
 * compliant (untouched), refused (untouched, with the fixer's reason). A refusal is not a
 * crash: it is reported in the outputs and the PR body. The step fails only when no file
 * was rewritten (nothing to propose), unless `allowNoChange` is set, so a template never
 * opens an empty pull request and the user sees the reasons in the step's error.
 */
import { resolveSafeChildPath, type LoggerService, type RootConfigService } from '@backstage/backend-plugin-api';
import { createTemplateAction, type TemplateAction } from '@backstage/plugin-scaffolder-node';
import { InputError } from '@backstage/errors';
import {
  DEFAULT_DOCKERFILE_PATH,
  MAX_DOCKERFILES,
  describeIssues,
  hasUrlScheme,
  parseDockerfilePaths,
  trimLeading,
  type Finding,
  type Policy,
} from '@hardened-go/plugin-dockerfile-compliance-common';
import { CHECK_WORKFLOW_PATH, contextFor, createCheckPool, unifiedDiff, type CheckPool, type HardenResult } from '@hardened-go/plugin-dockerfile-compliance-node';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { z as zodV3, type z as zod } from 'zod/v3';
import { addCheckWorkflow } from './checkWorkflow';
import { hardenDockerfileExamples } from './hardenDockerfile.examples';
import { pullRequestText, type FileHardening, type FileOutcomeKind, type RemainingFinding, type RuleDocsLink } from './pullRequestBody';
import { ruleDocsLinkFromConfig } from './ruleDocsLink';
import { sourceLocationPath } from './sourceLocation';

/** @public */
export const HARDEN_DOCKERFILE_ACTION_ID = 'hardened-go:dockerfile:harden';

function pathProblem(p: string): string | undefined {
  if (p.length === 0) return 'is empty';
  if (p.length > 1024) return 'is longer than 1024 characters';
  if (/[\u0000-\u001f\u007f]/.test(p)) return 'contains a control character';
  if (hasUrlScheme(p)) return 'is a URL; give a path inside the repository';
  if (p.split(/[\\/]/).includes('..')) return 'contains ".."';
  return undefined;
}

/**
 * The action's input, after defaults. Declared, not inferred from the schema, so the public
 * API reads the same on every build.
 *
 * @public
 */
export type HardenDockerfileActionInput = {
  path: string;
  sourceLocation?: string;
  allowNoChange: boolean;
  rewrite: boolean;
  addCheckWorkflow: boolean;
};

/**
 * The action's output (see the output schema's descriptions).
 *
 * @public
 */
export type HardenDockerfileActionOutput = {
  files: Array<{
    path: string;
    outcome: FileOutcomeKind;
    fixed: string[];
    notes: string[];
    remaining: Array<{ ruleId: string; severity: string; line: number; message: string }>;
    reason?: string;
    refusalCode?: string;
    method?: 'edits' | 'rewrite';
    edits?: Array<{ ruleIds: string[]; lines: number[]; what: string }>;
    unfixed?: Array<{ ruleId: string; line: number; reason: string }>;
  }>;
  fixedRules: string[];
  remaining: Array<{ path: string; ruleId: string; severity: string; line: number; message: string }>;
  changedFiles: string[];
  pullRequestTitle: string;
  pullRequestBody: string;
  commitMessage: string;
  diff: string;
  standardVersion: string;
  repoPath?: string;
  checkWorkflow: { outcome: 'added' | 'present' | 'skipped'; path?: string; reason?: string };
};

/** The action's input schema. */
export function hardenInputSchema(z: typeof zod) {
  return z.object({
    path: z
      .string()
      .default(DEFAULT_DOCKERFILE_PATH)
      .describe(
        `Dockerfile path(s) relative to the workspace, comma-separated like the hardened-go.io/dockerfile-path annotation (at most ${MAX_DOCKERFILES}). ` +
          'A leading "/" means the repository root (needs sourceLocation when the workspace is a sub-directory). Default: Dockerfile.',
      ),
    sourceLocation: z
      .string()
      .optional()
      .describe(
        "The URL the workspace was fetched from (the entity's backstage.io/source-location, with or without url:). " +
          'Gives repoPath (where the workspace lives in the repository) for the pull request, and roots "/" paths.',
      ),
    allowNoChange: z
      .boolean()
      .default(false)
      .describe('Succeed even when no file was rewritten (all compliant or refused). Default false: the step fails with the reasons.'),
    rewrite: z
      .boolean()
      .default(true)
      .describe(
        'Files are fixed by minimal edits of the lines each rule needs. When those leave errors or warnings, try the ' +
          'whole-file rewrite from the canonical template and take it if it checks clean (a single-stage build, for example). ' +
          'Default true; false keeps every change to minimal edits.',
      ),
    addCheckWorkflow: z
      .boolean()
      .default(true)
      .describe(
        `When the repository's GitHub workflows do not run the hardened-go check, add ${CHECK_WORKFLOW_PATH} (the job the Go service template generates) ` +
          "to the pull request. Default true. The publishing token then needs GitHub's workflow permission (a PAT's workflow scope, a GitHub App's workflows: write).",
      ),
  });
}

function outputSchema(z: typeof zod) {
  const finding = z.object({ path: z.string(), ruleId: z.string(), severity: z.string(), line: z.number(), message: z.string() });
  return z.object({
    files: z
      .array(
        z.object({
          path: z.string(),
          outcome: z.enum(['fixed', 'compliant', 'refused', 'missing']),
          fixed: z.array(z.string()),
          notes: z.array(z.string()),
          remaining: z.array(z.object({ ruleId: z.string(), severity: z.string(), line: z.number(), message: z.string() })),
          method: z.enum(['edits', 'rewrite']).optional(),
          edits: z.array(z.object({ ruleIds: z.array(z.string()), lines: z.array(z.number()), what: z.string() })).optional(),
          unfixed: z.array(z.object({ ruleId: z.string(), line: z.number(), reason: z.string() })).optional(),
          reason: z.string().optional(),
          refusalCode: z.string().optional(),
        }),
      )
      .describe('Per Dockerfile: fixed | compliant | refused | missing, with the fixed rule IDs, notes, remaining findings and the reason.'),
    fixedRules: z.array(z.string()).describe('Rule IDs fixed in at least one file, sorted.'),
    remaining: z.array(finding).describe('Unsuppressed findings left after the rewrite, per file (refused files keep all theirs).'),
    changedFiles: z.array(z.string()).describe('Workspace paths that were rewritten.'),
    pullRequestTitle: z.string(),
    pullRequestBody: z.string().describe('Markdown: what changed and why per file, rule links, refusals.'),
    commitMessage: z.string(),
    diff: z.string().describe('Unified diff of every rewritten file (git apply / patch -p1).'),
    standardVersion: z.string(),
    repoPath: z.string().optional().describe("Where the workspace lives inside the repository ('' = root), from sourceLocation."),
    checkWorkflow: z
      .object({ outcome: z.enum(['added', 'present', 'skipped']), path: z.string().optional(), reason: z.string().optional() })
      .describe(`Whether ${CHECK_WORKFLOW_PATH} was added (added), the repository already runs the check (present, with the workflow), or neither (skipped, with the reason).`),
  });
}

function remainingOf(findings: readonly Finding[]): RemainingFinding[] {
  return findings
    .filter((f) => !f.suppressed)
    .map((f) => ({ ruleId: f.ruleId, severity: f.severity, line: f.line, message: f.message }));
}

/** Reads at most `limit + 1` bytes: a larger file is reported, never loaded whole. */
async function readCapped(file: string, limit: number): Promise<Buffer | 'too-large'> {
  const handle = await fs.open(file, 'r');
  try {
    const buffer = Buffer.alloc(limit + 1);
    let total = 0;
    for (;;) {
      const { bytesRead } = await handle.read(buffer, total, buffer.length - total, total);
      if (bytesRead === 0) break;
      total += bytesRead;
      if (total > limit) return 'too-large';
    }
    return buffer.subarray(0, total);
  } finally {
    await handle.close();
  }
}

function decodeUtf8(bytes: Uint8Array): string | null {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return null;
  }
}

/** Workspace-relative paths from the input, "/" paths mapped through repoPath; problems are input errors. */
export function dockerfilePaths(input: string, repoPath: string | undefined): string[] {
  const listed = parseDockerfilePaths(input);
  if (!listed.ok) throw new InputError(`${HARDEN_DOCKERFILE_ACTION_ID}: path ${listed.problem}`);
  const out: string[] = [];
  for (const item of listed.paths) {
    const problem = pathProblem(item);
    if (problem) throw new InputError(`${HARDEN_DOCKERFILE_ACTION_ID}: path ${JSON.stringify(item)} ${problem}`);
    let relative = item.replace(/\\/g, '/');
    if (relative.startsWith('/')) {
      const inRepo = trimLeading(relative, '/');
      relative = repoPath ? path.posix.relative(repoPath, inRepo) : inRepo;
      if (relative.startsWith('..')) {
        throw new InputError(
          `${HARDEN_DOCKERFILE_ACTION_ID}: path ${JSON.stringify(item)} is outside the fetched directory ${JSON.stringify(repoPath)} of the repository`,
        );
      }
    }
    relative = path.posix.normalize(relative).replace(/^\.\//, '');
    if (!out.includes(relative)) out.push(relative);
  }
  return out;
}

/** Why the repository directory from sourceLocation cannot be a pull request's targetPath, or undefined. */
export function repoPathProblem(repoPath: string): string | undefined {
  if (repoPath === '') return undefined;
  if (/[\u0000-\u001f\u007f]/.test(repoPath)) return 'contains a control character';
  if (repoPath.includes('\\')) return 'contains a backslash';
  if (repoPath.length > 1024) return 'is longer than 1024 characters';
  if (repoPath.split('/').some((s) => s === '' || s === '.' || s === '..')) return 'is not a normal relative path (empty, . or .. segments)';
  return undefined;
}

/** @public */
export interface HardenDockerfileOptions {
  policy: Policy;
  /**
   * Rewrites files in worker threads under hardenedGo.limits (the module passes the pool it
   * closes at shutdown); by default a pool with the default limits.
   */
  checker?: Pick<CheckPool, 'harden'>;
  /** Where rule IDs link to; default from `config` (hardenedGo.ruleDocsBaseUrl, else the portal's rule page). */
  ruleDocsLink?: RuleDocsLink;
  config?: Pick<RootConfigService, 'getOptionalString'>;
  /** Told about deprecated configuration keys (the rule docs link's); the module passes its logger. */
  logger?: Pick<LoggerService, 'warn'>;
  /** The clock for rollout deadlines (default: now). */
  now?: () => Date;
}

/** @public */
export function hardenDockerfileAction(options: HardenDockerfileOptions): TemplateAction<HardenDockerfileActionInput, HardenDockerfileActionOutput, 'v2'> {
  const { policy } = options;
  const link: RuleDocsLink =
    options.ruleDocsLink ?? (options.config ? ruleDocsLinkFromConfig(options.config, { logger: options.logger }) : (rule) => `plugins/dockerfile-compliance-common/${rule.docsPath}`);
  const now = options.now ?? (() => new Date());
  const checker = options.checker ?? createCheckPool();
  return createTemplateAction({
    id: HARDEN_DOCKERFILE_ACTION_ID,
    description:
      'Rewrites the Dockerfile(s) of a Go service in the workspace to the hardened standard (keeping what is specific to the service), ' +
      'reading go.mod for the Go version and scanning the module for cgo. Outputs the fixed rules, the remaining findings, the diff ' +
      'and a ready pull request title and body. A file the fixer cannot rewrite safely is left unchanged and reported with the reason.',
    examples: hardenDockerfileExamples,
    supportsDryRun: true,
    schema: {
      input: hardenInputSchema,
      output: outputSchema,
    },
    async handler(ctx) {
      const parsed = hardenInputSchema(zodV3).safeParse(ctx.input);
      if (!parsed.success) {
        throw new InputError(`Invalid input to ${HARDEN_DOCKERFILE_ACTION_ID}: ${describeIssues(parsed.error.issues)}`);
      }
      const input = parsed.data;
      let repoPath: string | undefined;
      if (input.sourceLocation !== undefined && input.sourceLocation.trim() !== '') {
        repoPath = sourceLocationPath(input.sourceLocation)?.repoPath;
        if (repoPath === undefined) {
          throw new InputError(
            `${HARDEN_DOCKERFILE_ACTION_ID}: cannot tell where ${JSON.stringify(input.sourceLocation)} is inside its repository ` +
              '(expected a GitHub, GitLab or Gitea tree URL or a repository root URL)',
          );
        }
        // it becomes the pull request's targetPath: relative, normal, printable
        const problem = repoPathProblem(repoPath);
        if (problem) {
          throw new InputError(`${HARDEN_DOCKERFILE_ACTION_ID}: the directory ${JSON.stringify(repoPath)} of sourceLocation ${problem}`);
        }
      }
      const relativePaths = dockerfilePaths(input.path, repoPath);
      if (ctx.isDryRun) ctx.logger.info('Dry run: rewriting inside the temporary dry-run workspace only');

      const files: FileHardening[] = [];
      const diffs: string[] = [];
      const clock = now();
      for (const relative of relativePaths) {
        let absolute: string;
        try {
          absolute = resolveSafeChildPath(ctx.workspacePath, relative);
        } catch {
          throw new InputError(`${HARDEN_DOCKERFILE_ACTION_ID}: path ${JSON.stringify(relative)} resolves outside the workspace`);
        }
        const stat = await fs.lstat(absolute).catch(() => null);
        if (!stat || !stat.isFile()) {
          const what = !stat ? 'does not exist in the fetched repository' : stat.isSymbolicLink() ? 'is a symbolic link' : 'is not a regular file';
          files.push({ path: relative, outcome: 'missing', fixed: [], notes: [], remaining: [], reason: `${relative} ${what}` });
          continue;
        }
        const bytes = await readCapped(absolute, policy.maxFileBytes);
        const text = bytes === 'too-large' ? null : decodeUtf8(bytes);
        let result: HardenResult;
        let diff = '';
        if (text === null) {
          const why = bytes === 'too-large' ? `larger than ${policy.maxFileBytes} bytes` : 'not valid UTF-8';
          result = { text: '', fixed: [], remaining: [], refused: `GDS000: the file is ${why}; nothing is rewritten`, refusalCode: 'unreadable', notes: [] };
        } else {
          const { context, cgo } = await contextFor(absolute, ctx.workspacePath);
          if (cgo && cgo.usesCgo === undefined) ctx.logger.warn(`cgo scan of ${relative}'s module stopped at its bound (${cgo.files} files); cgo use unknown`);
          // off the event loop, under the time and heap limits; the diff is made there too
          const hardened = await checker.harden(text, policy, { ...context, now: clock, rewrite: input.rewrite }, { diffPath: relative });
          result = hardened.result;
          diff = hardened.diff;
        }
        if (result.refused !== undefined) {
          const left = result.unfixed !== undefined && result.unfixed.length > 0 ? { unfixed: result.unfixed } : {};
          files.push({ path: relative, outcome: 'refused', fixed: [], notes: result.notes, remaining: remainingOf(result.remaining), reason: result.refused, refusalCode: result.refusalCode, ...left });
          ctx.logger.info(`${relative}: refused (${result.refusalCode}): ${result.refused}`);
          continue;
        }
        if (text === null || result.text === text) {
          files.push({ path: relative, outcome: 'compliant', fixed: [], notes: [], remaining: remainingOf(result.remaining) });
          ctx.logger.info(`${relative}: already compliant`);
          continue;
        }
        await fs.writeFile(absolute, result.text);
        diffs.push(diff);
        const unfixed = result.unfixed !== undefined && result.unfixed.length > 0 ? { unfixed: result.unfixed } : {};
        const how = result.method === 'edits' ? { method: result.method, edits: (result.edits ?? []).map(({ ruleIds, lines, what }) => ({ ruleIds, lines, what })) } : result.method ? { method: result.method } : {};
        files.push({ path: relative, outcome: 'fixed', fixed: result.fixed, notes: result.notes, remaining: remainingOf(result.remaining), ...how, ...unfixed });
        ctx.logger.info(`${relative}: fixed${result.unfixed?.length ? ' in part' : ''} ${result.fixed.join(', ')}${result.method === 'rewrite' ? ' (rewritten whole)' : ''}`);
      }

      const changed = files.filter((f) => f.outcome === 'fixed');
      if (changed.length === 0 && !input.allowNoChange) {
        const reasons = files.map((f) => `${f.path}: ${f.outcome === 'compliant' ? 'already compliant' : `${f.outcome}${f.refusalCode ? ` (${f.refusalCode})` : ''}: ${f.reason}`}`);
        throw new Error(`${HARDEN_DOCKERFILE_ACTION_ID}: nothing to propose, no Dockerfile was rewritten. ${reasons.join('; ')}`);
      }
      // shift left: the check on every pull request, for repositories that lack it
      let checkWorkflow: HardenDockerfileActionOutput['checkWorkflow'] = { outcome: 'skipped', reason: 'addCheckWorkflow is false' };
      if (input.addCheckWorkflow && changed.length > 0) {
        const added = await addCheckWorkflow(ctx.workspacePath, repoPath, policy);
        checkWorkflow = added.kind === 'skipped' ? { outcome: 'skipped', reason: added.reason } : { outcome: added.kind, path: added.path };
        if (added.kind === 'added') diffs.push(unifiedDiff('', added.content, added.path));
        ctx.logger.info(`check workflow: ${added.kind}${added.kind === 'skipped' ? ` (${added.reason})` : ` ${added.path}`}`);
      }
      const pr = pullRequestText(files, policy.standardVersion, link, checkWorkflow);
      ctx.output('files', files as never);
      ctx.output('fixedRules', [...new Set(changed.flatMap((f) => f.fixed))].sort());
      ctx.output('remaining', files.flatMap((f) => f.remaining.map((r) => ({ path: f.path, ...r }))));
      ctx.output('changedFiles', [...changed.map((f) => f.path), ...(checkWorkflow.outcome === 'added' && checkWorkflow.path ? [checkWorkflow.path] : [])]);
      ctx.output('pullRequestTitle', pr.title);
      ctx.output('pullRequestBody', pr.body);
      ctx.output('commitMessage', pr.commitMessage);
      ctx.output('diff', diffs.join(''));
      ctx.output('standardVersion', policy.standardVersion);
      if (repoPath !== undefined) ctx.output('repoPath', repoPath);
      ctx.output('checkWorkflow', checkWorkflow);
    },
  });
}
