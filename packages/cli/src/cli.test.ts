/**
 * The CLI end to end, in-process through run(): real files in a temporary tree, the real
 * checker, real config files. bin.test.ts runs the built bin once as a child process.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { sarifValidator } from '../../../test/fixtures/sarif/validate';
import { manyEnvLines } from '../../../test/hostile/families';
import { DEFAULT_POLICY } from '@hardened-go/plugin-dockerfile-compliance-common';
import { renderDockerfile, renderDockerignore } from '@hardened-go/plugin-dockerfile-compliance-node';
import { ALL_RULES } from '@hardened-go/plugin-dockerfile-compliance-common';
import { run } from './main';
import { cli } from './__testUtils__/runCli';


/** The canonical Dockerfile, and variants with one known deviation each. */
const CANONICAL = renderDockerfile(DEFAULT_POLICY, { binaryName: 'api', mainPackage: './cmd/api', port: 8080 });
const WARNING_ONLY = CANONICAL.replace(' -trimpath', ''); // GDS007 (warning)
const ERROR = CANONICAL.replace('USER 65534:65534', 'USER root'); // GDS009 (error)
const INFO_ONLY = CANONICAL.replace('USER 65534:65534', 'USER nobody:nobody'); // GDS011 (info): passwd and group are copied
const SUPPRESSED_ERROR = CANONICAL.replace(
  'USER 65534:65534',
  '# hardened-go ignore=GDS009,GDS011 reason="PID 1 drops privileges itself"\nUSER root',
);

let root: string;

function write(relative: string, content: string | Uint8Array): string {
  const file = path.join(root, relative);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, content);
  return file;
}

beforeAll(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'hardened-go-cli-'));
  write('ok/Dockerfile', CANONICAL);
  write('warning/Dockerfile', WARNING_ONLY);
  write('error/Dockerfile', ERROR);
  write('info/Dockerfile', INFO_ONLY);
  write('suppressed/Dockerfile', SUPPRESSED_ERROR);
  write('empty/Dockerfile', '');
  write('binary/Dockerfile', new Uint8Array([0x46, 0x52, 0x4f, 0x4d, 0x20, 0xff, 0xfe, 0x0a]));
  // A tree to scan: what is found, what is skipped.
  write('tree/Dockerfile', CANONICAL);
  write('tree/Dockerfile.prod', CANONICAL);
  write('tree/services/api.Dockerfile', CANONICAL);
  write('tree/services/worker/dockerfile', CANONICAL);
  write('tree/deep/a/b/c/Dockerfile', ERROR);
  write('tree/Dockerfile.dockerignore', 'secret\n');
  write('tree/README.md', 'FROM nothing\n');
  write('tree/.Dockerfile', ERROR); // ".Dockerfile" alone is not "<name>.Dockerfile"
  write('tree/.git/Dockerfile', ERROR);
  write('tree/node_modules/pkg/Dockerfile', ERROR);
  write('tree/vendor/example.com/x/Dockerfile', ERROR);
  fs.symlinkSync(path.join(root, 'tree'), path.join(root, 'tree/services/loop'));
  fs.symlinkSync(path.join(root, 'error/Dockerfile'), path.join(root, 'tree/services/linked.Dockerfile'));
  write('nodockerfiles/main.go', 'package main\n');
  write('named/build.txt', CANONICAL);
});

afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

describe('hardened-go check: exit codes', () => {
  it.each([
    ['a compliant file', ['ok/Dockerfile'], 0],
    ['a warning at the default threshold (warning)', ['warning/Dockerfile'], 1],
    ['a warning with --fail-on error', ['--fail-on', 'error', 'warning/Dockerfile'], 0],
    ['an error with --fail-on error', ['--fail-on=error', 'error/Dockerfile'], 1],
    ['an info finding at the default threshold', ['info/Dockerfile'], 0],
    ['an info finding with --fail-on info', ['--fail-on', 'info', 'info/Dockerfile'], 1],
    ['a suppressed error', ['--fail-on', 'info', 'suppressed/Dockerfile'], 0],
    ['an empty file (GDS000), even with --fail-on error', ['--fail-on', 'error', 'empty/Dockerfile'], 1],
    ['invalid UTF-8 read as bytes (GDS000)', ['--fail-on', 'error', 'binary/Dockerfile'], 1],
    ['a compliant file next to a drifted one', ['ok/Dockerfile', 'error/Dockerfile'], 1],
    ['a file with any name given explicitly', ['named/build.txt'], 0],
  ])('%s', async (_label, argv, expected) => {
    const r = await cli(['check', ...argv], root);
    expect({ code: r.code, stderr: r.stderr }).toEqual({ code: expected, stderr: '' });
  });

  it.each([
    ['an unknown flag', ['check', '--strict', 'ok'], /unknown option '--strict'/i],
    ['an unknown format', ['check', '--format', 'xml', 'ok'], /--format must be one of text, json, sarif, codequality, got "xml"/],
    ['an unknown threshold', ['check', '--fail-on', 'fatal', 'ok'], /--fail-on must be one of error, warning, info/],
    ['no path', ['check'], /give at least one file or directory/],
    ['a missing path', ['check', 'does/not/exist'], /cannot check does\/not\/exist: no such file or directory/],
    ['a directory without Dockerfiles', ['check', 'nodockerfiles'], /no Dockerfile found in nodockerfiles/],
    ['a missing config', ['check', '--config', 'nope.yaml', 'ok'], /cannot read the configuration \(nope\.yaml\): Config file .*nope\.yaml" does not exist/],
    ['a flag without its value', ['check', 'ok', '--format'], /argument missing/i],
    ['a relative docs URL', ['check', '--docs-base-url', 'docs/', 'ok'], /--docs-base-url must be an absolute URL/],
  ])('exits 2 with a clear message for %s', async (_label, argv, message) => {
    const r = await cli(argv, root);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^hardened-go check: /);
    expect(r.stderr).toMatch(message);
  });
});

describe('hardened-go check: directory scanning', () => {
  it('finds Dockerfile, Dockerfile.*, *.Dockerfile (any case) recursively and skips .git, node_modules, vendor and ignore files', async () => {
    const r = await cli(['check', '--format', 'json', 'tree'], root);
    const paths = (JSON.parse(r.stdout) as { files: Array<{ path: string }> }).files.map(f => f.path);
    expect(paths).toEqual([
      'tree/Dockerfile',
      'tree/Dockerfile.prod',
      'tree/deep/a/b/c/Dockerfile',
      'tree/services/api.Dockerfile',
      'tree/services/linked.Dockerfile',
      'tree/services/worker/dockerfile',
    ]);
    expect(r.code).toBe(1); // deep/a/b/c and the linked file run as root
  });

  it('reports paths relative to the working directory and checks a file once when named twice', async () => {
    const r = await cli(['check', '--format', 'json', '.', 'Dockerfile'], path.join(root, 'ok'));
    expect(JSON.parse(r.stdout).files.map((f: { path: string }) => f.path)).toEqual(['Dockerfile']);
    const up = await cli(['check', '--format', 'json', '../ok'], path.join(root, 'error'));
    expect(JSON.parse(up.stdout).files[0].path).toBe('../ok/Dockerfile');
  });
});

describe('hardened-go check: go.mod of the build context (GDS018)', () => {
  const gds018 = (stdout: string) =>
    (JSON.parse(stdout) as { files: Array<{ path: string; findings: Array<{ ruleId: string; message: string }> }> }).files.map((f) => [f.path, f.findings.filter((x) => x.ruleId === 'GDS018').map((x) => x.message)]);

  it("reads go.mod beside the Dockerfile, or from --context; without one GDS018 says nothing", async () => {
    write('gomod/svc/Dockerfile', CANONICAL);
    write('gomod/svc/go.mod', 'module example.com/svc\n\ngo 1.27.0\n');
    write('gomod/other/Dockerfile', CANONICAL);
    write('gomod/ctx/go.mod', 'module example.com/ctx\n\ngo 1.22\n');
    const beside = await cli(['check', '--format', 'json', 'gomod'], root);
    expect(beside.code).toBe(1);
    expect(gds018(beside.stdout)).toEqual([
      ['gomod/other/Dockerfile', []],
      ['gomod/svc/Dockerfile', [expect.stringMatching(/^go\.mod \(line 3\) requires go >= 1\.27\.0, but stage "build" builds with golang:1\.26\.8-alpine3\.23/)]],
    ]);
    // one build context for every Dockerfile: its go.mod is old enough
    const context = await cli(['check', '--format', 'json', '--context', 'gomod/ctx', 'gomod'], root);
    expect(context.code).toBe(0);
    expect(gds018(context.stdout)).toEqual([
      ['gomod/other/Dockerfile', []],
      ['gomod/svc/Dockerfile', []],
    ]);
  });

  it('a go.mod it cannot read is a finding, never a clean verdict', async () => {
    write('badmod/Dockerfile', CANONICAL);
    write('badmod/go.mod', 'module example.com/bad\ngo latest\n');
    const r = await cli(['check', '--format', 'json', 'badmod'], root);
    expect(r.code).toBe(1);
    expect(gds018(r.stdout)[0]![1]).toEqual(['go.mod line 2 has a go directive the go command rejects ("go latest"), so the Go the module needs cannot be compared with the build image.']);
  });
});

describe('hardened-go check: reports', () => {
  it('prints the JSON contract', async () => {
    const r = await cli(['check', '--format', 'json', 'ok', 'error', 'empty'], root);
    const report = JSON.parse(r.stdout);
    expect(Object.keys(report)).toEqual(['standardVersion', 'files']);
    expect(report.standardVersion).toBe('v1');
    expect(report.files.map((f: any) => [f.path, f.status])).toEqual([
      ['empty/Dockerfile', 'error'],
      ['error/Dockerfile', 'drifted'],
      ['ok/Dockerfile', 'compliant'],
    ]);
    for (const file of report.files) {
      expect(Object.keys(file)).toEqual(['path', 'status', 'findings']);
      for (const f of file.findings) {
        expect(Object.keys(f).slice(0, 6)).toEqual(['ruleId', 'severity', 'message', 'line', 'endLine', 'suppressed']);
      }
    }
    const root9 = report.files[1].findings.find((f: any) => f.ruleId === 'GDS009');
    expect(root9).toMatchObject({ severity: 'error', suppressed: false, line: ERROR.split('\n').indexOf('USER root') + 1 });
    expect(report.files[0].findings[0]).toMatchObject({ ruleId: 'GDS000', severity: 'error' });
  });

  it('prints valid SARIF 2.1.0 with relative URIs and suppressions', async () => {
    const r = await cli(['check', '--format', 'sarif', '--fail-on', 'info', 'error', 'suppressed', 'ok'], root);
    const sarif = JSON.parse(r.stdout);
    const validate = sarifValidator();
    expect(validate(sarif) ? [] : validate.errors).toEqual([]);
    const results = sarif.runs[0].results;
    expect(results.find((x: any) => x.ruleId === 'GDS009' && !x.suppressions).locations[0].physicalLocation.artifactLocation.uri).toBe(
      'error/Dockerfile',
    );
    expect(results.find((x: any) => x.suppressions).suppressions[0].justification).toBe('PID 1 drops privileges itself');
    expect(sarif.runs[0].tool.driver.rules).toHaveLength(ALL_RULES.length);
    expect(r.code).toBe(1);
  });

  it('prints a text report with excerpts, without colour unless stdout is a terminal', async () => {
    const plain = await cli(['check', 'error'], root);
    expect(plain.stdout).toContain('error/Dockerfile: drifted');
    expect(plain.stdout).toMatch(/GDS009 .*\n +\d+ \| USER root\n/);
    expect(plain.stdout).not.toContain('\u001b[');
    const tty = await cli(['check', 'error'], root, { isTTY: true });
    expect(tty.stdout).toContain('\u001b[');
    expect((await cli(['check', 'error'], root, { isTTY: true, env: { NO_COLOR: '1' } })).stdout).not.toContain('\u001b[');
    expect((await cli(['check', '--no-color', 'error'], root, { isTTY: true })).stdout).not.toContain('\u001b[');
  });
});

describe('hardened-go check --config', () => {
  function config(name: string, yaml: string): string {
    write(`configs/${name}`, yaml);
    return `configs/${name}`;
  }

  it('applies hardenedGo.standard from an app-config', async () => {
    const off = config('off.yaml', 'app:\n  title: x\nhardenedGo:\n  standard:\n    rules:\n      GDS007: { severity: off }\n');
    expect((await cli(['check', 'warning/Dockerfile'], root)).code).toBe(1);
    expect((await cli(['check', '--config', off, 'warning/Dockerfile'], root)).code).toBe(0);
  });

  it('merges several configs like Backstage: later files win, objects merge key by key', async () => {
    const off = config('a.yaml', 'hardenedGo:\n  standard:\n    version: v1-acme\n    rules:\n      GDS007: { severity: off }\n');
    const strict = config('b.yaml', 'hardenedGo:\n  standard:\n    rules:\n      GDS011: { severity: error }\n');
    const again = config('c.yaml', 'hardenedGo:\n  standard:\n    rules:\n      GDS007: { severity: error }\n');
    const merged = await cli(['check', '--format', 'json', '--config', off, '--config', strict, 'warning', 'info'], root);
    const report = JSON.parse(merged.stdout);
    expect(report.standardVersion).toBe('v1-acme'); // from a.yaml
    expect(report.files.map((f: any) => [f.path, f.status])).toEqual([
      ['info/Dockerfile', 'drifted'], // GDS011 raised to error by b.yaml
      ['warning/Dockerfile', 'compliant'], // GDS007 off from a.yaml survives the merge
    ]);
    const overridden = await cli(['check', '--format', 'json', '--config', off, '--config', again, 'warning'], root);
    expect(JSON.parse(overridden.stdout).files[0].findings.map((f: any) => [f.ruleId, f.severity])).toEqual([['GDS007', 'error']]);
  });

  it('replaces lists instead of concatenating them', async () => {
    const two = config('two.yaml', 'hardenedGo:\n  standard:\n    supportedGoVersions: ["1.26.8", "1.27.0"]\n');
    const one = config('one.yaml', 'hardenedGo:\n  standard:\n    supportedGoVersions: ["1.26.8"]\n');
    expect((await cli(['render', '--config', two, '--name', 'a', '--go-version', '1.27.0'], root)).code).toBe(0);
    const r = await cli(['render', '--config', two, '--config', one, '--name', 'a', '--go-version', '1.27.0'], root);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--go-version: goVersion must be one of the policy\'s supported Go versions (1.26.8)');
  });

  it.each([
    ['an invalid policy value', 'hardenedGo:\n  standard:\n    goVersion: "1.26"\n', /hardenedGo\.standard\.goVersion must be an exact Go version like 1\.26\.8, got "1\.26"/],
    ['a typo in a key', 'hardenedGo:\n  standard:\n    finalBase: [scratch]\n', /hardenedGo\.standard\.finalBase is not a known key/],
    ['a YAML syntax error', 'hardenedGo:\n  standard: [\n', /cannot read the configuration \(configs\/bad\.yaml\): .* at line \d+, column \d+/],
    ['duplicate keys', 'hardenedGo:\n  standard:\n    user: "1:1"\n    user: "2:2"\n', /cannot read the configuration \(configs\/bad\.yaml\): .* at line \d+, column \d+/],
    ['a list at the top', '- a\n- b\n', /cannot read the configuration \(configs\/bad\.yaml\): .*expected object at config root/],
    ['hardenedGo as a string', 'hardenedGo: yes\n', /hardenedGo must be an object/],
  ])('exits 2 for %s', async (_label, yaml, message) => {
    const file = config('bad.yaml', yaml);
    const r = await cli(['check', '--config', file, 'ok'], root);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
  });

  it("reads the repository's own app-config.yaml", async () => {
    const r = await cli(['check', '--config', path.resolve(__dirname, '../../../app-config.yaml'), 'ok'], root);
    expect({ code: r.code, stderr: r.stderr }).toEqual({ code: 0, stderr: '' });
  });

  describe('rule docs links in SARIF (hardenedGo.ruleDocsBaseUrl, the key the harden action and the view read)', () => {
    const DOCS = 'https://git.example/acme/hg/blob/main/plugins/dockerfile-compliance-common';
    const helpUriOf = (stdout: string, id = 'GDS009') => JSON.parse(stdout).runs[0].tool.driver.rules.find((r: any) => r.id === id).helpUri;

    it("links every rule to this project's rule page when nothing is configured", async () => {
      const r = await cli(['check', '--format', 'sarif', 'ok'], root);
      expect(r.code).toBe(0);
      expect(helpUriOf(r.stdout)).toBe('https://github.com/hardened-go/hardened-go/blob/main/plugins/dockerfile-compliance-common/docs/rules/GDS009.md');
      expect(JSON.parse(r.stdout).runs[0].tool.driver.rules.every((rule: any) => typeof rule.helpUri === 'string')).toBe(true);
    });

    it('resolves rule docs against hardenedGo.ruleDocsBaseUrl; --docs-base-url overrides it', async () => {
      const file = config('docs.yaml', `hardenedGo:\n  ruleDocsBaseUrl: ${DOCS}\n`);
      const r = await cli(['check', '--format', 'sarif', '--config', file, 'ok'], root);
      expect({ code: r.code, stderr: r.stderr }).toEqual({ code: 0, stderr: '' });
      expect(helpUriOf(r.stdout)).toBe(`${DOCS}/docs/rules/GDS009.md`);
      const flag = await cli(['check', '--format', 'sarif', '--config', file, '--docs-base-url', 'https://docs.example/hg/', 'ok'], root);
      expect(helpUriOf(flag.stdout)).toBe('https://docs.example/hg/docs/rules/GDS009.md');
      // APP_CONFIG_* overrides apply as in the backend
      const env = await cli(['check', '--format', 'sarif', 'ok'], root, { env: { APP_CONFIG_hardenedGo_ruleDocsBaseUrl: 'https://env.example/hg' } });
      expect(helpUriOf(env.stdout)).toBe('https://env.example/hg/docs/rules/GDS009.md');
    });

    it.each([
      ['hardenedGo.docsBaseUrl', `hardenedGo:\n  docsBaseUrl: ${DOCS}\n`],
      ['hardenedGo.complianceView.ruleDocsBaseUrl', `hardenedGo:\n  complianceView:\n    ruleDocsBaseUrl: ${DOCS}\n`],
    ])('still reads the 0.2.0 key %s, with a deprecation warning on stderr', async (key, yaml) => {
      const file = config('old-docs.yaml', yaml);
      const r = await cli(['check', '--format', 'sarif', '--config', file, 'ok'], root);
      expect(r.code).toBe(0);
      expect(helpUriOf(r.stdout)).toBe(`${DOCS}/docs/rules/GDS009.md`);
      expect(r.stderr).toBe(`hardened-go check: warning: The configuration key ${key} is deprecated and will not be read after this release; rename it to hardenedGo.ruleDocsBaseUrl (one key for the harden action, the CLI and the compliance view)\n`);
    });

    it('prefers the new key over an old one, and says the old one is ignored', async () => {
      const file = config('both-docs.yaml', `hardenedGo:\n  ruleDocsBaseUrl: ${DOCS}\n  docsBaseUrl: https://old.example/\n`);
      const r = await cli(['check', '--format', 'sarif', '--config', file, 'ok'], root);
      expect(helpUriOf(r.stdout)).toBe(`${DOCS}/docs/rules/GDS009.md`);
      expect(r.stderr).toContain('hardenedGo.docsBaseUrl is deprecated and ignored because hardenedGo.ruleDocsBaseUrl is set');
    });

    it('refuses a malformed value naming the key (exit 2)', async () => {
      const file = config('bad-docs.yaml', 'hardenedGo:\n  ruleDocsBaseUrl: docs/rules\n');
      const r = await cli(['check', '--format', 'sarif', '--config', file, 'ok'], root);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/config \(configs\/bad-docs\.yaml\): hardenedGo\.ruleDocsBaseUrl must be an absolute http\(s\) URL, got "docs\/rules"/);
    });
  });

  it('treats an empty config file and one without hardenedGo as the defaults', async () => {
    const empty = config('empty.yaml', '');
    const other = config('other.yaml', 'backend:\n  baseUrl: http://localhost:7007\n');
    const r = await cli(['check', '--format', 'json', '--config', empty, '--config', other, 'ok'], root);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).standardVersion).toBe('v1');
  });
});

describe('hardened-go rules', () => {
  it('lists the catalog with id, severity and title', async () => {
    const r = await cli(['rules'], root);
    expect(r.code).toBe(0);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(ALL_RULES.length + 1);
    expect(lines[0]).toMatch(/^ID +SEVERITY +TITLE$/);
    const gds009 = ALL_RULES.find(x => x.id === 'GDS009')!;
    expect(lines).toContainEqual(expect.stringMatching(new RegExp(`^GDS009 +error +${gds009.title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`)));
  });

  it('prints JSON on request and refuses arguments', async () => {
    const json = JSON.parse((await cli(['rules', '--format', 'json'], root)).stdout);
    expect(json.map((x: any) => x.id)).toEqual(ALL_RULES.map(x => x.id));
    expect(json[1]).toEqual({ id: 'GDS001', severity: ALL_RULES[1]!.defaultSeverity, title: ALL_RULES[1]!.title, docsPath: ALL_RULES[1]!.docsPath });
    expect((await cli(['rules', 'GDS001'], root)).code).toBe(2);
    expect((await cli(['rules', '--all'], root)).code).toBe(2);
  });
});

describe('hardened-go render', () => {
  it('prints the canonical Dockerfile and .dockerignore', async () => {
    const r = await cli(['render', '--name', 'api', '--package', './cmd/api', '--port', '8080'], root);
    expect(r).toEqual({ code: 0, stdout: CANONICAL, stderr: '' });
    const ignore = await cli(['render', '--name', 'api', '--dockerignore'], root);
    expect(ignore.stdout).toBe(renderDockerignore(DEFAULT_POLICY, { binaryName: 'api' }));
  });

  it('passes build tags, the Go version and the digest through', async () => {
    const digest = `sha256:${'ab'.repeat(32)}`;
    const r = await cli(['render', '--name', 'api', '--tag', 'timetzdata', '--tag', 'netgo', '--go-version', '1.26.8', '--build-image-digest', digest], root);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`FROM --platform=$BUILDPLATFORM golang:1.26.8-alpine3.23@${digest} AS build`);
    expect(r.stdout).toContain('-tags timetzdata,netgo');
  });

  it('renders what check accepts', async () => {
    const r = await cli(['render', '--name', 'svc', '--package', 'cmd/svc', '--port', '9090'], root);
    write('rendered/Dockerfile', r.stdout);
    expect((await cli(['check', '--fail-on', 'info', 'rendered'], root)).code).toBe(0);
  });

  it.each([
    ['no --name', ['render'], /--name is required/],
    ['a bad name', ['render', '--name', 'My Service'], /--name: binaryName must start with/],
    ['a package outside the module', ['render', '--name', 'a', '--package', '../x'], /--package: mainPackage must be a package path relative/],
    ['a non-numeric port', ['render', '--name', 'a', '--port', 'http'], /--port must be a number from 1 to 65535, got "http"/],
    ['port 0', ['render', '--name', 'a', '--port', '0'], /--port: port must be a whole number from 1 to 65535, got 0/],
    ['a bad tag', ['render', '--name', 'a', '--tag', 'a,b'], /--tag: buildTags\[0\] must contain only/],
    ['a stray argument', ['render', '--name', 'a', 'extra'], /unexpected argument "extra"/],
    ['an unknown flag', ['render', '--name', 'a', '--user', 'root'], /unknown option '--user'/i],
  ])('exits 2 for %s', async (_label, argv, message) => {
    const r = await cli(argv, root);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(message);
  });

  it('needs a digest when the policy requires one', async () => {
    write('configs/digest.yaml', 'hardenedGo:\n  standard:\n    requireDigest: true\n');
    const r = await cli(['render', '--config', 'configs/digest.yaml', '--name', 'a'], root);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--build-image-digest: buildImageDigest is required because the policy sets requireDigest');
  });
});

describe('hardened-go help and dispatch', () => {
  it('prints the overview for --help and on no command (exit 2 then)', async () => {
    const help = await cli(['--help'], root);
    expect(help.code).toBe(0);
    for (const name of ['check', 'rules', 'render']) expect(help.stdout).toMatch(new RegExp(`^  ${name} +\\S`, 'm'));
    const none = await cli([], root);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('Usage: hardened-go <command>');
  });

  it.each(['check', 'rules', 'render'])('prints %s --help with usage and exit codes', async name => {
    const r = await cli([name, '--help'], root);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(new RegExp(`^Usage: hardened-go ${name}`));
    expect(r.stdout).toMatch(/Exit codes/);
    expect((await cli(['help', name], root)).stdout).toBe(r.stdout);
  });

  it('rejects an unknown command and prints the version', async () => {
    const r = await cli(['lint', '.'], root);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/unknown command "lint"/);
    expect((await cli(['--version'], root)).stdout).toMatch(/^\d+\.\d+\.\d+\n$/);
  });

  it('turns an unexpected exception into exit 2 and a message, never a verdict', async () => {
    const r = await run(['boom'], { stdout: { write: () => true }, stderr: { write: () => true }, cwd: root, isTTY: false, env: {} }, [
      { name: 'boom', summary: '', help: '', run: async () => { throw new Error('kaput'); } },
    ]);
    expect(r).toBe(2);
  });
});

describe('hardened-go: ordinary errors are one clean line, never a stack trace', () => {
  it('an unexpected exception is one line (the stack only with HARDENED_GO_DEBUG)', async () => {
    const boom = [{ name: 'boom', summary: '', help: '', run: async () => { throw new Error('kaput\nsecond line'); } }];
    let stderr = '';
    const io = { stdout: { write: () => true }, stderr: { write: (s: string) => (stderr += s) }, cwd: root, isTTY: false, env: {} };
    expect(await run(['boom'], io, boom)).toBe(2);
    expect(stderr).toBe('hardened-go boom: internal error: kaput (set HARDENED_GO_DEBUG=1 for the stack trace)\n');
    stderr = '';
    await run(['boom'], { ...io, env: { HARDENED_GO_DEBUG: '1' } }, boom);
    expect(stderr).toMatch(/at /);
  });

  it('new --out naming an existing file', async () => {
    fs.writeFileSync(path.join(root, 'taken'), 'x');
    const r = await cli(['new', '--name', 'payments', '--owner', 'team-a', '--module-path', 'example.com/payments', '--out', 'taken'], root);
    expect(r).toMatchObject({ code: 2, stdout: '' });
    expect(r.stderr).toBe('hardened-go new: new: cannot create --out "taken": it (or a parent) exists and is not a directory\n');
  });

  it('a YAML alias bomb in --config', async () => {
    const bomb = ['a: &a ["x","x","x","x","x","x","x","x","x"]', ...Array.from({ length: 8 }, (_, i) => `${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)}]`)].join('\n');
    fs.writeFileSync(path.join(root, 'bomb.yaml'), `${bomb  }\n`);
    fs.writeFileSync(path.join(root, 'Dockerfile'), 'FROM scratch\n');
    const r = await cli(['check', '--config', 'bomb.yaml', 'Dockerfile'], root);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^hardened-go check: cannot read the configuration \(bomb\.yaml\): .*alias/);
    expect(r.stderr.split('\n').filter(Boolean)).toHaveLength(1);
  });

  it('a file that reports size 0 (/proc) is read to its end, not called empty', async () => {
    const r = await cli(['check', '--format', 'json', '/proc/self/status'], root);
    expect(r.code).toBe(1);
    const file = JSON.parse(r.stdout).files[0];
    expect(file.status).toBe('error');
    expect(file.findings[0].message).toMatch(/unknown instruction/);
  });

  it('check applies --timeout per file and reads hardenedGo.limits from --config', async () => {
    // linear, but 60,000 ENV lines take most of a second: several times either limit on any machine of this kind
    const slow = manyEnvLines(60_000, 'golang:1.26-alpine');
    fs.writeFileSync(path.join(root, 'Dockerfile'), slow);
    const byFlag = await cli(['check', '--format', 'json', '--timeout', '100ms', 'Dockerfile'], root);
    expect(byFlag.code).toBe(1);
    expect(JSON.parse(byFlag.stdout).files[0].findings[0].message).toMatch(/took longer than 100 ms/);
    fs.writeFileSync(path.join(root, 'limits.yaml'), 'hardenedGo:\n  limits:\n    timeout: 150ms\n');
    const byConfig = await cli(['check', '--format', 'json', '--config', 'limits.yaml', 'Dockerfile'], root);
    expect(JSON.parse(byConfig.stdout).files[0].findings[0].message).toMatch(/took longer than 150 ms/);
    fs.writeFileSync(path.join(root, 'bad.yaml'), 'hardenedGo:\n  limits:\n    threads: 0\n');
    expect((await cli(['check', '--config', 'bad.yaml', 'Dockerfile'], root)).stderr).toMatch(/hardenedGo\.limits\.threads must be between 1 and 64/);
  });
});

describe('hardened-go --config reads app-config the way the backend does (@backstage/config-loader)', () => {
  it('evaluates $env, $include and ${VAR}, merges several files and applies APP_CONFIG_* overrides', async () => {
    fs.writeFileSync(path.join(root, 'Dockerfile'), WARNING_ONLY.replace(' -trimpath', ' -trimpath'));
    fs.writeFileSync(path.join(root, 'rules.yaml'), 'GDS007: { severity: off }\n');
    fs.writeFileSync(
      path.join(root, 'app-config.yaml'),
      'hardenedGo:\n  standard:\n    version: ${STANDARD_NAME}\n    user:\n      $env: RUN_AS\n    rules:\n      $include: rules.yaml\n',
    );
    const env = { STANDARD_NAME: 'v1-acme', RUN_AS: '65534:65534' };
    const r = await cli(['check', '--format', 'json', '--config', 'app-config.yaml', 'Dockerfile'], root, { env });
    expect(r.stderr).toBe('');
    const report = JSON.parse(r.stdout);
    expect(report.standardVersion).toBe('v1-acme');
    expect(report.files[0].findings.map((f: { ruleId: string }) => f.ruleId)).not.toContain('GDS007');
    expect(r.code).toBe(0);
    // a later file wins, and APP_CONFIG_* (JSON values) wins over both
    fs.writeFileSync(path.join(root, 'later.yaml'), 'hardenedGo:\n  standard:\n    version: v1-later\n');
    const later = await cli(['check', '--format', 'json', '--config', 'app-config.yaml', '--config', 'later.yaml', 'Dockerfile'], root, { env });
    expect(JSON.parse(later.stdout).standardVersion).toBe('v1-later');
    const overridden = await cli(['check', '--format', 'json', '--config', 'app-config.yaml', 'Dockerfile'], root, {
      env: { ...env, APP_CONFIG_hardenedGo_standard_version: '"v1-env"' },
    });
    expect(JSON.parse(overridden.stdout).standardVersion).toBe('v1-env');
  });

  it('names a missing environment variable or include as a configuration error (exit 2)', async () => {
    fs.writeFileSync(path.join(root, 'Dockerfile'), CANONICAL);
    fs.writeFileSync(path.join(root, 'inc.yaml'), 'hardenedGo:\n  standard:\n    rules:\n      $include: missing.yaml\n');
    const r = await cli(['check', '--config', 'inc.yaml', 'Dockerfile'], root);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^hardened-go check: cannot read the configuration \(inc\.yaml\): .*missing\.yaml/);
  });
});
