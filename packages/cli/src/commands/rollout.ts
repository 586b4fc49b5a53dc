/** `hardened-go rollout plan`: the drifted services of a running catalog, per owner, with the fixer's dry run. */
import { goModRequiredVersion } from '@hardened-go/plugin-dockerfile-compliance-node';
import { modulePathOf } from '@hardened-go/plugin-dockerfile-compliance-node';
import type { HardenContext } from '@hardened-go/plugin-dockerfile-compliance-node';
import { choice, parseCommandArgs, stringFlag, stringList, type ParsedArgs } from '../args';
import { EXIT, type CliIO, type Command } from '../command';
import { InputError } from '@backstage/errors';
import { mapLimited } from '@hardened-go/plugin-dockerfile-compliance-common';
import { createCheckPool } from '@hardened-go/plugin-dockerfile-compliance-node';
import { loadCliConfig } from '../config';
import { LIMIT_FLAGS, limitsFromFlags } from '../limitFlags';
import { catalogApiRoot, fetchDriftedEntities, type CatalogEntity } from '../rollout/catalogClient';
import { buildPlan, entityRefOf, formatPlanText, previewFix, recordedFiles, selectServices, type PlannedFile } from '../rollout/plan';
import { applyCampaign } from '../rollout/apply';
import { formatApplyText, progressPrinter } from '../rollout/applyText';
import { portalClient } from '../rollout/portalClient';
import { readRemoteText, type RemoteReadOptions } from '../rollout/readRemoteFile';

const MAX_ENTITIES = 10_000;
const CONCURRENCY = 4;

/** Runs `work` over `items` with at most `limit` at a time, keeping order. */
function seconds(value: string | undefined, flag: string, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0 || n > 600) throw new InputError(`--${flag} must be a number of seconds between 0 and 600, got ${JSON.stringify(value)}`);
  return n * 1000;
}

/** go.mod beside the Dockerfile (the usual layout): Go version floor and module path for the preview. */
async function contextFromGoMod(dockerfileUrl: string, read: RemoteReadOptions): Promise<{ context: HardenContext; note?: string }> {
  let goModUrl: string;
  try {
    goModUrl = new URL('go.mod', dockerfileUrl).toString();
  } catch {
    return { context: {}, note: 'go.mod not read (the Dockerfile URL is not a URL)' };
  }
  const goMod = await readRemoteText(goModUrl, { ...read, maxBytes: 256 * 1024 });
  if (!goMod.ok) return { context: {}, note: `go.mod beside the Dockerfile not read (${goMod.reason}): the Go version is the policy's` };
  const context: HardenContext = {};
  const version = goModRequiredVersion(goMod.text);
  if (version !== undefined) context.goModGoVersion = version;
  const modulePath = modulePathOf(goMod.text);
  if (modulePath !== undefined) context.goModulePath = modulePath;
  return { context };
}


/** Flags `plan` and `apply` share: the catalog, the selection, reading and previewing files. */
const SHARED_FLAGS = {
  catalog: { type: 'string' },
  owner: { type: 'string', multiple: true },
  token: { type: 'string' },
  format: { type: 'string' },
  'annotations-only': { type: 'boolean' },
  'scm-token': { type: 'string' },
  'scm-host': { type: 'string', multiple: true },
  timeout: { type: 'string' },
  config: { type: 'string', multiple: true },
  'max-heap-mb': LIMIT_FLAGS['max-heap-mb']!,
} as const;

type SharedValues = ParsedArgs['values'];

/** The drifted services of the catalog (owner-filtered), each drifted file previewed by the fixer. */
async function plannedServices(values: SharedValues, io: CliIO, filter: (entity: CatalogEntity) => boolean = () => true) {
  const catalog = stringFlag(values.catalog);
  if (!catalog) throw new InputError('--catalog URL is required, e.g. --catalog http://localhost:7007');
  catalogApiRoot(catalog);
  const timeoutMs = seconds(stringFlag(values.timeout), 'timeout', 10_000);
  const scmToken = stringFlag(values['scm-token']) ?? io.env.HARDENED_GO_SCM_TOKEN;
  const scmHosts = stringList(values['scm-host']).map((h) => h.trim().toLowerCase());
  if (scmToken && scmHosts.length === 0) {
    throw new InputError('a Dockerfile token (--scm-token or HARDENED_GO_SCM_TOKEN) needs --scm-host naming where it may be sent');
  }
  const config = await loadCliConfig(stringList(values.config), io.cwd, io.env);
  const { policy } = config;
  // --timeout is this command's per-request limit; the fixer's per-file limits come from the config and --max-heap-mb
  const limits = limitsFromFlags({ 'max-heap-mb': values['max-heap-mb'] }, config.limits);

  const entities = await fetchDriftedEntities({
    catalogUrl: catalog,
    token: stringFlag(values.token) ?? io.env.BACKSTAGE_TOKEN,
    timeoutMs,
    maxEntities: MAX_ENTITIES,
  });
  const selected = selectServices(entities.filter(filter), stringList(values.owner));
  const read: RemoteReadOptions = { maxBytes: policy.maxFileBytes, timeoutMs, ...(scmToken ? { token: { value: scmToken, hosts: scmHosts } } : {}) };
  const annotationsOnly = values['annotations-only'] === true;
  const now = new Date();

  const fixer = createCheckPool(limits);
  const services = await mapLimited(selected, CONCURRENCY, async ({ entity, owner }) => {
    const { files, problem } = recordedFiles(entity);
    const planned: PlannedFile[] = [];
    for (const file of files) {
      // Only drifted files have something to fix; the others keep their recorded verdict.
      if (annotationsOnly || file.status !== 'drifted') {
        planned.push(file);
        continue;
      }
      if (!file.url) {
        planned.push({ ...file, fix: { outcome: 'unavailable', reason: 'the processor recorded no URL for this file' } });
        continue;
      }
      const text = await readRemoteText(file.url, read);
      const { context, note } = text.ok ? await contextFromGoMod(file.url, read) : { context: {}, note: undefined };
      const fix = await previewFix(file.path, text.ok ? { ok: true, text: text.text } : { ok: false, reason: text.reason }, policy, { ...context, now }, fixer);
      if (fix.outcome === 'fixed') {
        fix.notes = [...fix.notes, ...(note ? [note] : []), 'cgo not scanned by this preview; the harden action scans the repository'];
      }
      planned.push({ ...file, fix });
    }
    return { entity, owner, files: planned, ...(problem ? { problem } : {}) };
  }).finally(() => fixer.close());

  return { catalog, policy, services, timeoutMs, token: stringFlag(values.token) ?? io.env.BACKSTAGE_TOKEN };
}

export const rolloutCommand: Command = {
  name: 'rollout',
  summary: 'plan and apply a rollout: drifted services per owner, what the fixer would change, and the hardening pull requests',
  help: `Usage: hardened-go rollout plan --catalog URL [options]
       hardened-go rollout apply --catalog URL (--all | --owner REF | --rule ID | --service REF)... [--yes] [options]

Reads the services the drift processor labelled drifted
(hardened-go.io/dockerfile-compliance=drifted) from a running Backstage catalog, groups them
by owner, and prints per service each Dockerfile's recorded findings and what the fixer
would change (a dry run of "hardened-go fix" on the file's current text, read from the URL
the processor recorded). Nothing is written anywhere. Use it to schedule the campaign;
each fixable service is one run of the "Harden a Go service's Dockerfile" template.

The Dockerfile is read from the recorded web URL turned into its raw-file URL (GitHub,
GitLab, Gitea/Forgejo, Bitbucket Cloud; other hosts as given), at most maxFileBytes and
--timeout per read; the go.mod beside it sets the Go version. A file that cannot be read
is planned from the annotations only and says why. cgo is not scanned here (the harden
action scans the repository); the preview notes it.

rollout apply opens the hardening pull requests for the selected drifted services: each is
one task of the harden template, submitted through the portal's scaffolder API
(POST /api/scaffolder/v2/tasks) with your token, so each pull request has the task log,
the permissions and the audit trail the portal gives. Without --yes it only says what it
would do. A service with an open hardening pull request or a task still running gets no
second one; a service whose pull request was closed without merging is left alone
(--reopen-closed); a service the fixer refuses is reported with the reason and gets none. A
failed task does not stop the campaign: it is reported and tried again on the next run. When
the per-hour limit or the Git host's rate limit is reached, the run stops submitting and says
when to resume. What was done is read back from the portal each run
(GET /api/dockerfile-compliance/pull-requests), so a rerun resumes where the last one stopped.

Options:
  --catalog URL          the Backstage backend (http://localhost:7007) or its /api/catalog URL (required)
  --owner REF            only this owner (team-a, group:default/team-a); repeatable
  --token TOKEN          catalog token (default: environment BACKSTAGE_TOKEN)
  --format text|json     output format (default text)
  --diff                 text: print each proposed diff under its file (JSON always has it)
  --annotations-only     do not read any Dockerfile: findings from the annotations only
  --scm-token TOKEN      bearer token for reading Dockerfiles (default: HARDENED_GO_SCM_TOKEN),
  --scm-host HOST        sent only to these hosts (repeatable, required with a token)
  --timeout SECONDS      per request (default 10)
  --config FILE          app-config YAML with hardenedGo.standard (repeatable, later wins)
  --max-heap-mb N        heap the fixer's preview of one file may use (default: hardenedGo.limits.maxHeapMb, 256);
                         its time per file is hardenedGo.limits.timeout (2s)
  --all                  apply: every drifted service (else at least one of --owner, --rule, --service)
  --rule ID              apply: services whose recorded findings include this rule (GDS007); repeatable
  --service REF          apply: this service (orders, component:default/orders); repeatable
  --yes                  apply: act, submit the tasks (default: a dry run that changes nothing)
  --concurrency N        apply: tasks running at once (default 5, 1-50)
  --per-hour N           apply: tasks of the template started per hour, earlier runs counted (default 60)
  --branch NAME          apply: the pull request branch (default hardened-go/harden-dockerfile)
  --template REF         apply: the harden template (default template:default/harden-dockerfile)
  --reopen-closed        apply: also services whose last hardening pull request was closed unmerged
  --task-timeout SECONDS apply: how long to follow one task (default 600); the next run sees longer ones
  -h, --help             this help

With apply, --token must be allowed to use the catalog, the scaffolder and the
dockerfile-compliance plugin.

Exit codes
  0  the plan was printed (also when nothing drifts); apply: nothing failed or was deferred
  1  apply: a task failed, or services were deferred by a limit (run again later)
  2  usage, configuration, or the portal could not be read

Examples
  hardened-go rollout plan --catalog http://localhost:7007
  BACKSTAGE_TOKEN=... hardened-go rollout plan --catalog https://backstage.acme.io --owner team-payments --diff
  hardened-go rollout plan --catalog http://localhost:7007 --format json --config app-config.yaml > plan.json
  BACKSTAGE_TOKEN=... hardened-go rollout apply --catalog https://backstage.acme.io --owner team-payments
  BACKSTAGE_TOKEN=... hardened-go rollout apply --catalog https://backstage.acme.io --rule GDS009 --yes --concurrency 5 --per-hour 30
`,
  async run(args, io) {
    const { values, positionals } = parseCommandArgs('rollout', args, {
      ...SHARED_FLAGS,
      diff: { type: 'boolean' },
      ...APPLY_FLAGS,
    });
    if (values.help) {
      io.stdout.write(this.help);
      return EXIT.ok;
    }
    const sub = positionals[0];
    if ((sub !== 'plan' && sub !== 'apply') || positionals.length !== 1) {
      throw new InputError('the subcommands are "plan" and "apply": hardened-go rollout plan --catalog URL');
    }
    const format = choice('rollout', 'format', values.format, ['text', 'json'] as const, 'text');
    if (sub === 'apply') return runApply(values, io, format);
    for (const flag of Object.keys(APPLY_FLAGS)) {
      if (values[flag] !== undefined) throw new InputError(`--${flag} is an option of "rollout apply", not of "rollout plan"`);
    }
    const { catalog, policy, services } = await plannedServices(values, io);
    const plan = buildPlan(catalogApiRoot(catalog).replace(/\/api\/catalog$/, ''), policy, services);
    io.stdout.write(format === 'json' ? `${JSON.stringify(plan, null, 2)}\n` : formatPlanText(plan, { diff: values.diff === true }));
    return EXIT.ok;
  },
};

const APPLY_FLAGS = {
  all: { type: 'boolean' },
  rule: { type: 'string', multiple: true },
  service: { type: 'string', multiple: true },
  yes: { type: 'boolean' },
  concurrency: { type: 'string' },
  'per-hour': { type: 'string' },
  branch: { type: 'string' },
  template: { type: 'string' },
  'reopen-closed': { type: 'boolean' },
  'task-timeout': { type: 'string' },
} as const;

function wholeNumber(value: unknown, flag: string, fallback: number, max: number): number {
  if (value === undefined) return fallback;
  const n = typeof value === 'string' && /^\d{1,6}$/.test(value) ? Number(value) : NaN;
  if (!Number.isInteger(n) || n < 1 || n > max) throw new InputError(`--${flag} must be a whole number from 1 to ${max}, got ${JSON.stringify(value)}`);
  return n;
}

async function runApply(values: SharedValues, io: CliIO, format: 'text' | 'json'): Promise<number> {
  const selection = applySelection(values);
  if (values.diff !== undefined) throw new InputError('--diff is an option of "rollout plan"');
  const concurrency = wholeNumber(values.concurrency, 'concurrency', 5, 50);
  const perHour = wholeNumber(values['per-hour'], 'per-hour', 60, 10_000);
  const taskTimeoutMs = wholeNumber(values['task-timeout'], 'task-timeout', 600, 86_400) * 1000;
  const branchName = stringFlag(values.branch);
  if (branchName !== undefined && !/^[A-Za-z0-9][A-Za-z0-9._/-]{0,99}$/.test(branchName)) {
    throw new InputError(`--branch must be a branch name like hardened-go/harden-dockerfile, got ${JSON.stringify(branchName.slice(0, 100))}`);
  }
  const templateRef = normalizeRef(stringFlag(values.template) ?? 'template:default/harden-dockerfile', 'template', '--template');
  const { catalog, services, timeoutMs, token } = await plannedServices(values, io, selection);
  const client = portalClient({ portalUrl: catalog, token, timeoutMs });
  const progressLine = progressPrinter(io, format);
  const report = await applyCampaign({
    client,
    templateRef,
    services: services.map((s) => ({ entityRef: entityRefOf(s.entity), owner: s.owner, files: s.files.filter((f) => f.status === 'drifted') })),
    yes: values.yes === true,
    concurrency,
    perHour,
    ...(branchName ? { branchName } : {}),
    reopenClosed: values['reopen-closed'] === true,
    pollMs: 1000,
    taskTimeoutMs,
    now: () => new Date(),
    sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
    onResult: progressLine,
  });
  io.stdout.write(format === 'json' ? `${JSON.stringify(report, null, 2)}\n` : formatApplyText(report));
  return (report.totals.failed ?? 0) + (report.totals.deferred ?? 0) > 0 ? EXIT.findings : EXIT.ok;
}

/** `orders`, `component:orders`, `Component:Default/Orders` -> `component:default/orders`. */
function normalizeRef(value: string, defaultKind: string, flag: string): string {
  const m = /^(?:([A-Za-z0-9][\w.-]*):)?(?:([A-Za-z0-9][\w.-]*)\/)?([A-Za-z0-9][\w.-]*)$/.exec(value.trim());
  if (!m) throw new InputError(`${flag} must be an entity reference like ${defaultKind}:default/name, got ${JSON.stringify(value.slice(0, 100))}`);
  return `${(m[1] ?? defaultKind).toLowerCase()}:${(m[2] ?? 'default').toLowerCase()}/${m[3]!.toLowerCase()}`;
}

/** Which drifted services apply takes: --all, or the union of --rule and --service within --owner. */
function applySelection(values: SharedValues): (entity: CatalogEntity) => boolean {
  const rules = stringList(values.rule).map((r) => r.trim().toUpperCase());
  for (const r of rules) if (!/^GDS(?:\d{3}|-SUPPRESS)$/.test(r)) throw new InputError(`--rule must be a rule ID like GDS007, got ${JSON.stringify(r.slice(0, 50))}`);
  const named = new Set(stringList(values.service).map((s) => normalizeRef(s, 'component', '--service')));
  const owners = stringList(values.owner);
  if (values.all !== true && rules.length === 0 && named.size === 0 && owners.length === 0) {
    throw new InputError('say which services: --all, or --owner, --rule or --service (repeatable)');
  }
  if (values.all === true && (rules.length > 0 || named.size > 0)) throw new InputError('--all selects every drifted service; drop --rule and --service, or drop --all');
  return (entity) => {
    if (rules.length === 0 && named.size === 0) return true;
    if (named.has(entityRefOf(entity))) return true;
    const recorded = new Set(recordedFiles(entity).files.flatMap((f) => f.findings.map((x) => x.rule)));
    return rules.some((r) => recorded.has(r));
  };
}
