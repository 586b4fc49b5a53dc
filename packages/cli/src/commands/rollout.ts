/** `hardened-go rollout plan`: the drifted services of a running catalog, per owner, with the fixer's dry run. */
import { goModRequiredVersion } from '@hardened-go/plugin-dockerfile-compliance-node';
import { modulePathOf } from '@hardened-go/plugin-dockerfile-compliance-node';
import type { HardenContext } from '@hardened-go/plugin-dockerfile-compliance-node';
import { choice, parseCommandArgs, stringFlag, stringList } from '../args';
import { EXIT, type Command } from '../command';
import { InputError } from '@backstage/errors';
import { mapLimited } from '../concurrency';
import { createCheckPool } from '@hardened-go/plugin-dockerfile-compliance-node';
import { loadCliConfig } from '../config';
import { LIMIT_FLAGS, limitsFromFlags } from '../limitFlags';
import { catalogApiRoot, fetchDriftedEntities } from '../rollout/catalogClient';
import { buildPlan, formatPlanText, previewFix, recordedFiles, selectServices, type PlannedFile } from '../rollout/plan';
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

export const rolloutCommand: Command = {
  name: 'rollout',
  summary: 'plan a rollout: drifted services of a running catalog per owner, with what the fixer would change',
  help: `Usage: hardened-go rollout plan --catalog URL [options]

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
  -h, --help             this help

Exit codes
  0  the plan was printed (also when nothing drifts)
  2  usage, configuration, or the catalog could not be read

Examples
  hardened-go rollout plan --catalog http://localhost:7007
  BACKSTAGE_TOKEN=... hardened-go rollout plan --catalog https://backstage.acme.io --owner team-payments --diff
  hardened-go rollout plan --catalog http://localhost:7007 --format json --config app-config.yaml > plan.json
`,
  async run(args, io) {
    const { values, positionals } = parseCommandArgs('rollout', args, {
      catalog: { type: 'string' },
      owner: { type: 'string', multiple: true },
      token: { type: 'string' },
      format: { type: 'string' },
      diff: { type: 'boolean' },
      'annotations-only': { type: 'boolean' },
      'scm-token': { type: 'string' },
      'scm-host': { type: 'string', multiple: true },
      timeout: { type: 'string' },
      config: { type: 'string', multiple: true },
      'max-heap-mb': LIMIT_FLAGS['max-heap-mb']!,
    });
    if (values.help) {
      io.stdout.write(this.help);
      return EXIT.ok;
    }
    if (positionals[0] !== 'plan' || positionals.length !== 1) {
      throw new InputError(`the only subcommand is "plan": hardened-go rollout plan --catalog URL`);
    }
    const catalog = stringFlag(values.catalog);
    if (!catalog) throw new InputError('--catalog URL is required, e.g. --catalog http://localhost:7007');
    catalogApiRoot(catalog);
    const format = choice('rollout', 'format', values.format, ['text', 'json'] as const, 'text');
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
    const selected = selectServices(entities, stringList(values.owner));
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

    const plan = buildPlan(catalogApiRoot(catalog).replace(/\/api\/catalog$/, ''), policy, services);
    io.stdout.write(format === 'json' ? `${JSON.stringify(plan, null, 2)}\n` : formatPlanText(plan, { diff: values.diff === true }));
    return EXIT.ok;
  },
};
