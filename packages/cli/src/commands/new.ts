/**
 * `hardened-go new`: writes a new Go service into a directory, with the same generator
 * (generateGoService) and the same safe writer as the scaffolder action.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describeIssues } from '@hardened-go/plugin-dockerfile-compliance-common';
import { ServiceParamsError, UnsafeWriteError, generateGoService, writeFilesSafely } from '@hardened-go/plugin-dockerfile-compliance-node';
import { parseCommandArgs, stringFlag, stringList } from '../args';
import { EXIT, type Command } from '../command';
import { InputError } from '@backstage/errors';
import { loadPolicy } from '../config';

/** Service parameter -> the flag the user typed, so errors name what to change. */
const FLAG_OF: Record<string, string> = {
  name: '--name',
  description: '--description',
  owner: '--owner',
  system: '--system',
  modulePath: '--module-path',
  repoUrl: '--repo-url',
  goVersion: '--go-version',
  port: '--port',
  ci: '--ci',
};

function parsePort(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d{1,5}$/.test(value)) throw new InputError(`new: --port must be a number from 1024 to 65535, got ${JSON.stringify(value)}`);
  return Number(value);
}

export const newCommand: Command = {
  name: 'new',
  summary: 'create a new Go service (the "Create new Go service" template, offline)',
  help: `Usage: hardened-go new --name NAME --owner OWNER --out DIR [options]

Writes a new Go service: main.go and main_test.go (standard library HTTP service with
/healthz, /readyz, JSON logs, graceful shutdown), go.mod, the standard's Dockerfile and
.dockerignore, .gitignore, .golangci.yml, CI (GitHub Actions + Dependabot or GitLab CI +
Renovate), catalog-info.yaml and README.md. Same generator as the scaffolder action.

Options:
  --name NAME             DNS label: lower-case letters, digits, '-' (at most 63) (required)
  --owner OWNER           owning group or user, e.g. group:default/team-a (required)
  --out DIR               directory to write into; created if missing (required)
  --description TEXT      one line saying what the service does (default: "The NAME service.")
  --system SYSTEM         system entity reference
  --module-path PATH      Go module path (required unless --repo-url is given)
  --repo-url URL          repository as the scaffolder writes it: github.com?owner=acme&repo=x
  --go-version X.Y.Z      one of the policy's supportedGoVersions (default: the first)
  --port N                port, 1024-65535 (default: 8080)
  --ci github-actions|gitlab-ci   CI system (default: github-actions)
  --overwrite             replace files that already exist in DIR (default: refuse)
  --config FILE           Backstage app-config YAML with hardenedGo.standard (repeatable)
  -h, --help              this help

Exit codes: 0, or 2 for a usage, parameter, configuration or write error (nothing is
written when any file is refused).

Examples
  hardened-go new --name payments-api --owner group:default/payments --out payments-api \\
    --module-path github.com/acme/payments-api
  hardened-go new --name ledger --owner team-finance --out ledger --ci gitlab-ci --port 9090 \\
    --repo-url 'gitlab.com?owner=acme&repo=ledger'
`,
  async run(args, io) {
    const { values, positionals } = parseCommandArgs('new', args, {
      name: { type: 'string' },
      owner: { type: 'string' },
      out: { type: 'string' },
      description: { type: 'string' },
      system: { type: 'string' },
      'module-path': { type: 'string' },
      'repo-url': { type: 'string' },
      'go-version': { type: 'string' },
      port: { type: 'string' },
      ci: { type: 'string' },
      overwrite: { type: 'boolean' },
      config: { type: 'string', multiple: true },
    });
    if (values.help) {
      io.stdout.write(this.help);
      return EXIT.ok;
    }
    if (positionals.length > 0) throw new InputError(`new: unexpected argument ${JSON.stringify(positionals[0])}. Run "hardened-go new --help".`);
    const name = stringFlag(values.name);
    const out = stringFlag(values.out);
    for (const [flag, value] of [['--name', name], ['--owner', stringFlag(values.owner)], ['--out', out]] as const) {
      if (!value) throw new InputError(`new: ${flag} is required. Run "hardened-go new --help".`);
    }
    const policy = await loadPolicy(stringList(values.config), io.cwd, io.env);

    let service;
    try {
      service = generateGoService(
        {
          name,
          owner: stringFlag(values.owner),
          description: stringFlag(values.description) ?? `The ${name} service.`,
          system: stringFlag(values.system),
          modulePath: stringFlag(values['module-path']),
          repoUrl: stringFlag(values['repo-url']),
          goVersion: stringFlag(values['go-version']),
          port: parsePort(stringFlag(values.port)),
          ci: stringFlag(values.ci),
        },
        policy,
      );
    } catch (e) {
      if (e instanceof ServiceParamsError) {
        throw new InputError(`new: ${describeIssues(e.issues.map(i => ({ path: [i.field], message: i.message })), field => FLAG_OF[field] ?? field)}`);
      }
      throw e;
    }

    const dir = path.resolve(io.cwd, out!);
    try {
      fs.mkdirSync(dir, { recursive: true });
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      const why = code === 'EEXIST' || code === 'ENOTDIR' ? 'it (or a parent) exists and is not a directory' : code === 'EACCES' ? 'permission denied' : (code ?? (e as Error).message);
      throw new InputError(`new: cannot create --out ${JSON.stringify(out)}: ${why}`);
    }
    try {
      const written = await writeFilesSafely(service.files, { root: dir, overwrite: values.overwrite === true });
      io.stdout.write(`Created ${service.params.name} (${service.params.modulePath}, Go ${service.params.goVersion}, ${service.params.ci}) in ${out}:\n`);
      for (const file of written) io.stdout.write(`  ${file}\n`);
    } catch (e) {
      if (e instanceof UnsafeWriteError) throw new InputError(`new: ${e.message}`);
      throw e;
    }
    return EXIT.ok;
  },
};
