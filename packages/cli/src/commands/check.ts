/** `hardened-go check`: checks Dockerfiles against the standard, prints a report, exits 0/1/2. */
import type { Severity } from '@hardened-go/plugin-dockerfile-compliance-common';
import { createCheckPool } from '@hardened-go/plugin-dockerfile-compliance-node';
import { formatText, toCodeQuality, toJsonReport, toSarif, type FileReport } from '@hardened-go/plugin-dockerfile-compliance-common';
import { choice, parseCommandArgs, stringFlag, stringList } from '../args';
import { EXIT, type Command } from '../command';
import { InputError } from '@backstage/errors';
import { mapLimited } from '@hardened-go/plugin-dockerfile-compliance-common';
import { loadCliConfig } from '../config';
import * as path from 'node:path';
import { displayPath, findDockerfiles, readDockerfile, readGoMod } from '../files';
import { LIMIT_FLAGS, LIMIT_FLAGS_HELP, limitsFromFlags } from '../limitFlags';
import { choosePolicy, POLICY_FLAGS, POLICY_FLAGS_HELP } from '../policy/policyFlags';
import { toolVersion } from '../version';

const FORMATS = ['text', 'json', 'sarif', 'codequality'] as const;
const FAIL_ON: readonly Severity[] = ['error', 'warning', 'info'];
const RANK: Record<Severity, number> = { info: 0, warning: 1, error: 2 };

/** Exit 1 when a file could not be checked, or an unsuppressed finding is at or above the threshold. */
export function failsAt(reports: readonly FileReport[], failOn: Severity): boolean {
  return reports.some(
    ({ result }) => result.status === 'error' || result.findings.some(f => !f.suppressed && RANK[f.severity] >= RANK[failOn]),
  );
}

export const checkCommand: Command = {
  name: 'check',
  summary: 'check Dockerfiles against the standard',
  help: `Usage: hardened-go check [options] PATH...

Checks each PATH against the hardened Go container standard. A file is checked whatever its
name; a directory is searched recursively for Dockerfile, Dockerfile.* and *.Dockerfile
(skipping .git, node_modules and vendor).

Options:
  --format text|json|sarif|codequality  report format on stdout (default: text);
                             codequality is GitLab's Code Quality report (unsuppressed findings)
  --config FILE              Backstage app-config YAML with hardenedGo.standard (and
                             hardenedGo.ruleDocsBaseUrl); repeat to merge several files,
                             later ones win (default: the built-in v1)
${POLICY_FLAGS_HELP}
  --fail-on error|warning|info  lowest severity that fails the run (default: warning)
  --docs-base-url URL        SARIF: resolve rule docs against this URL for helpUri
                             (default: hardenedGo.ruleDocsBaseUrl of the portal or --config)
  --context DIR              the build context whose go.mod GDS018 compares with the
                             build image (default: each Dockerfile's own directory)
  --no-color                 no colours in the text report (also NO_COLOR=1)
${LIMIT_FLAGS_HELP}
  -h, --help                 this help

The policy applied, its standard version, its content version and its source are printed on
stderr: the same policy gives the same version wherever it comes from.

Rule modes decide what fails: inform reports info, warn a warning, enforce an error (a
warning before its enforceAfter date). So with --fail-on error only enforced rules past their
deadline fail the run; with --fail-on warning warn-mode rules fail it too.

GDS018 reads go.mod from the build context (the Dockerfile's directory, or --context); without
a go.mod there it reports nothing. Each file is checked in a worker thread. A file that needs more time or memory than the
limits, or more work than its size allows, is an error (GDS000 "could not be checked within
the limits"), never compliant.

Exit codes
  0  nothing unsuppressed at or above --fail-on
  1  a finding at or above --fail-on, or a file that could not be parsed (GDS000)
  2  usage, configuration or I/O error, or the portal's policy could not be had
     (unreachable, refused, malformed) without --policy-fallback defaults

Examples
  hardened-go check .
  hardened-go check --config app-config.yaml --format sarif . > hardened-go.sarif
  hardened-go check --fail-on error services/api/Dockerfile
  HARDENED_GO_TOKEN=... hardened-go check --policy-url https://portal.example.com --format sarif .
`,
  async run(args, io) {
    const { values, positionals } = parseCommandArgs('check', args, {
      format: { type: 'string' },
      config: { type: 'string', multiple: true },
      'fail-on': { type: 'string' },
      'docs-base-url': { type: 'string' },
      'no-color': { type: 'boolean' },
      context: { type: 'string' },
      ...LIMIT_FLAGS,
      ...POLICY_FLAGS,
    });
    if (values.help) {
      io.stdout.write(this.help);
      return EXIT.ok;
    }
    const format = choice('check', 'format', values.format, FORMATS, 'text');
    const failOn = choice('check', 'fail-on', values['fail-on'], FAIL_ON, 'warning');
    const docsBaseFlag = stringFlag(values['docs-base-url']);
    if (docsBaseFlag !== undefined && !URL.canParse(docsBaseFlag)) {
      throw new InputError(`--docs-base-url must be an absolute URL, got ${JSON.stringify(docsBaseFlag)}`);
    }
    if (positionals.length === 0) throw new InputError('give at least one file or directory, e.g. "hardened-go check ."');

    const config = await loadCliConfig(stringList(values.config), io.cwd, io.env);
    const chosen = await choosePolicy('check', values, config, io);
    const { policy } = chosen;
    // the flag, else the portal's or the config's key (only SARIF links rule docs)
    const docsBaseUri =
      docsBaseFlag ??
      (format === 'sarif' ? chosen.ruleDocsBaseUrl ?? config.ruleDocsBaseUrl(message => io.stderr.write(`hardened-go check: warning: ${message}\n`)) : undefined);
    const limits = limitsFromFlags(values, config.limits);
    const files = await findDockerfiles(positionals, io.cwd);
    const now = new Date();
    const contextFlag = stringFlag(values.context);
    const contextDir = contextFlag === undefined ? undefined : path.resolve(io.cwd, contextFlag);
    // one read per build context, however many Dockerfiles share it
    const goMods = new Map<string, Promise<string | undefined>>();
    const goModOf = (file: string) => {
      const dir = contextDir ?? path.dirname(file);
      if (!goMods.has(dir)) goMods.set(dir, readGoMod(path.join(dir, 'go.mod'), displayPath(path.join(dir, 'go.mod'), io.cwd)));
      return goMods.get(dir)!;
    };
    const threads = Math.min(limits.threads, files.length);
    const pool = createCheckPool({ ...limits, threads });
    let reports: FileReport[];
    try {
      // as many files in flight as there are workers: memory stays bounded by the thread count
      reports = await mapLimited(files, threads, async (file) => {
        const shownAs = displayPath(file, io.cwd);
        const source = await readDockerfile(file, policy.maxFileBytes, shownAs);
        const goMod = await goModOf(file);
        return { path: shownAs, source, result: await pool.check(source, policy, { now, ...(goMod !== undefined ? { goMod } : {}) }) };
      });
    } finally {
      await pool.close();
    }

    if (format === 'json') {
      io.stdout.write(`${JSON.stringify(toJsonReport(reports, { standardVersion: policy.standardVersion }), null, 2)}\n`);
    } else if (format === 'codequality') {
      io.stdout.write(`${JSON.stringify(toCodeQuality(reports), null, 2)}\n`);
    } else if (format === 'sarif') {
      const sarif = toSarif(reports, { standardVersion: policy.standardVersion, toolVersion: toolVersion(), docsBaseUri });
      io.stdout.write(`${JSON.stringify(sarif, null, 2)}\n`);
    } else {
      const color = io.isTTY && !values['no-color'] && !io.env.NO_COLOR;
      io.stdout.write(formatText(reports, { color }));
    }
    return failsAt(reports, failOn) ? EXIT.findings : EXIT.ok;
  },
};
