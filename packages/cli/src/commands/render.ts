/** `hardened-go render`: prints the canonical Dockerfile (or .dockerignore) of a service. */
import { RenderParamsError, renderDockerfile, renderDockerignore, type ServiceImageParams } from '@hardened-go/plugin-dockerfile-compliance-node';
import { parseCommandArgs, stringFlag, stringList } from '../args';
import { EXIT, type Command } from '../command';
import { InputError } from '@backstage/errors';
import { loadPolicy } from '../config';
import { before } from '@hardened-go/plugin-dockerfile-compliance-common';

/** Renderer parameter -> the flag the user typed, so errors name what to change. */
const FLAG_OF: Record<string, string> = {
  binaryName: '--name',
  mainPackage: '--package',
  port: '--port',
  buildTags: '--tag',
  goVersion: '--go-version',
  buildImageDigest: '--build-image-digest',
};

function parsePort(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d{1,5}$/.test(value)) throw new InputError(`--port must be a number from 1 to 65535, got ${JSON.stringify(value)}`);
  return Number(value);
}

export const renderCommand: Command = {
  name: 'render',
  summary: 'print the canonical Dockerfile of a Go service',
  help: `Usage: hardened-go render --name NAME [options]

Prints the Dockerfile the standard prescribes for a Go service (the same one the
"Create new Go service" template writes). It checks clean under the same policy.

Options:
  --name NAME                  binary name, [a-z0-9][a-z0-9._-]* (required)
  --package PATH               main package, relative to the module root (default: .)
  --port N                     port to EXPOSE (default: none)
  --tag TAG                    Go build tag; repeat for several (timetzdata embeds tzdata)
  --go-version X.Y.Z           one of the policy's supportedGoVersions (default: goVersion)
  --build-image-digest SHA     sha256:... digest of the build image (required by requireDigest)
  --config FILE                Backstage app-config YAML with hardenedGo.standard (repeatable)
  --dockerignore               print the matching .dockerignore instead
  -h, --help                   this help

Exit codes: 0, or 2 for a usage, parameter or configuration error.

Examples
  hardened-go render --name orders --package ./cmd/orders --port 8080 > Dockerfile
  hardened-go render --name orders --dockerignore > .dockerignore
`,
  async run(args, io) {
    const { values, positionals } = parseCommandArgs('render', args, {
      name: { type: 'string' },
      package: { type: 'string' },
      port: { type: 'string' },
      tag: { type: 'string', multiple: true },
      'go-version': { type: 'string' },
      'build-image-digest': { type: 'string' },
      config: { type: 'string', multiple: true },
      dockerignore: { type: 'boolean' },
    });
    if (values.help) {
      io.stdout.write(this.help);
      return EXIT.ok;
    }
    if (positionals.length > 0) throw new InputError(`unexpected argument ${JSON.stringify(positionals[0])}`);
    const name = stringFlag(values.name);
    if (name === undefined) throw new InputError('--name is required, e.g. hardened-go render --name orders');
    const params: ServiceImageParams = {
      binaryName: name,
      mainPackage: stringFlag(values.package),
      port: parsePort(stringFlag(values.port)),
      buildTags: stringList(values.tag),
      goVersion: stringFlag(values['go-version']),
      buildImageDigest: stringFlag(values['build-image-digest']),
    };
    const policy = await loadPolicy(stringList(values.config), io.cwd, io.env);
    try {
      io.stdout.write(values.dockerignore ? renderDockerignore(policy, params) : renderDockerfile(policy, params));
    } catch (e) {
      if (e instanceof RenderParamsError) {
        const flag = FLAG_OF[before(e.param, '[')];
        throw new InputError(`${flag ? `${flag}: ` : ''}${e.message}`);
      }
      throw e;
    }
    return EXIT.ok;
  },
};
