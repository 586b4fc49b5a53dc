/**
 * `hardened-go fix` end to end, in-process through run(): real files in a temporary tree, a
 * real go.mod and Go sources, and the diff applied with the real `git apply`.
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { DEFAULT_POLICY } from '@hardened-go/plugin-dockerfile-compliance-common';
import { harden } from '@hardened-go/plugin-dockerfile-compliance-node';
import { cli as runCli } from '../__testUtils__/runCli';

const DRIFTED = `FROM golang:1.22-alpine AS build
WORKDIR /app
COPY go.mod go.sum ./
RUN go mod download
COPY . .
RUN CGO_ENABLED=0 go build -o /bin/api ./cmd/api
FROM alpine:3.20
COPY --from=build /bin/api /usr/local/bin/api
EXPOSE 8080
ENTRYPOINT ["/usr/local/bin/api"]
`;
const MAKE_BUILT = DRIFTED.replace('RUN CGO_ENABLED=0 go build -o /bin/api ./cmd/api', 'RUN make build');

let root: string;

function cli(argv: string[], cwd = root) {
  return runCli(['fix', ...argv], cwd);
}

function write(relative: string, content: string | Uint8Array): string {
  const file = path.join(root, relative);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, content);
  return file;
}

function read(relative: string): string {
  return fs.readFileSync(path.join(root, relative), 'utf8');
}

beforeEach(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'hardened-go-fix-'));
});
afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

describe('hardened-go fix', () => {
  it('prints a unified diff that git apply turns into the hardened file; the summary goes to stderr; exit 0', async () => {
    write('svc/Dockerfile', DRIFTED);
    const { code, stdout, stderr } = await cli(['svc']);
    expect(code).toBe(0);
    expect(stdout.startsWith('--- a/svc/Dockerfile\n+++ b/svc/Dockerfile\n@@ ')).toBe(true);
    expect(stderr).toMatch(/^svc\/Dockerfile: fixed GDS001, .*GDS009/m);
    expect(stderr).toContain('1 file(s): 1 fixed, 0 already compliant, 0 refused');
    expect(read('svc/Dockerfile')).toBe(DRIFTED); // no --write: untouched
    fs.writeFileSync(path.join(root, 'fix.patch'), stdout);
    execFileSync('git', ['apply', '-p1', 'fix.patch'], { cwd: root });
    expect(read('svc/Dockerfile')).toBe(harden(DRIFTED, DEFAULT_POLICY).text);
  });

  it('--write rewrites in place; a second run finds it compliant and leaves it byte-identical', async () => {
    write('svc/Dockerfile', DRIFTED);
    const first = await cli(['--write', 'svc/Dockerfile']);
    expect(first).toMatchObject({ code: 0, stderr: '' });
    expect(first.stdout).toMatch(/svc\/Dockerfile: fixed .* \(written\)/);
    const written = read('svc/Dockerfile');
    expect(written).toContain('FROM scratch');
    const second = await cli(['--write', 'svc']);
    expect(second.code).toBe(0);
    expect(second.stdout).toContain('svc/Dockerfile: already compliant');
    expect(read('svc/Dockerfile')).toBe(written);
  });

  it('exits 1 when a file is refused, printing the reason, and still fixes the others', async () => {
    write('a/Dockerfile', DRIFTED);
    write('b/Dockerfile', 'FROM node:22\nRUN npm ci\n');
    const { code, stdout, stderr } = await cli(['--write', '.']);
    expect(code).toBe(1);
    expect(stdout).toMatch(/^b\/Dockerfile: refused \(not-go\): no golang build image and no go command/m);
    expect(stdout).toContain('2 file(s): 1 fixed, 0 already compliant, 1 refused');
    expect(stderr).toBe('');
    expect(read('a/Dockerfile')).toContain('FROM scratch');
    expect(read('b/Dockerfile')).toBe('FROM node:22\nRUN npm ci\n');
  });

  it("reads the Go version from the nearest go.mod above the Dockerfile (up to the scanned root)", async () => {
    write('repo/go.mod', 'module example.com/api\n\ngo 1.27.0\n');
    write('repo/build/Dockerfile', DRIFTED);
    write('repo/app-config.yaml', 'hardenedGo:\n  standard:\n    supportedGoVersions: ["1.26.8", "1.27.2"]\n');
    const { code } = await cli(['--write', '--config', 'repo/app-config.yaml', 'repo']);
    expect(code).toBe(0);
    expect(read('repo/build/Dockerfile')).toContain('FROM golang:1.27.2-alpine3.23 AS build');
  });

  it('leaves the golang image to a human when go.mod needs a Go newer than every supported version', async () => {
    write('repo/go.mod', 'module example.com/api\n\ngo 1.99.0\n');
    write('repo/Dockerfile', DRIFTED);
    const { code, stderr } = await cli(['repo']);
    expect(code).toBe(1);
    expect(stderr).toMatch(/repo\/Dockerfile: fixed in part/);
    expect(stderr).toMatch(/left: GDS003 \(line 1\): go\.mod requires Go 1\.99\.0/);
  });

  it('does not look for go.mod above the PATH it was given', async () => {
    write('go.mod', 'module example.com/api\n\ngo 1.99.0\n');
    write('svc/Dockerfile', DRIFTED);
    expect((await cli(['--write', 'svc'], root)).code).toBe(0);
  });

  it('never turns cgo off for a module that imports "C", but does for one whose cgo file is behind a cgo build constraint', async () => {
    const cgoOn = DRIFTED.replace('RUN CGO_ENABLED=0 go build', 'RUN go build');
    write('repo/go.mod', 'module example.com/api\n\ngo 1.22\n');
    write('repo/Dockerfile', cgoOn);
    write('repo/internal/fast/fast_cgo.go', '//go:build cgo\n\npackage fast\n\n// #include <stdio.h>\nimport "C"\n');
    expect((await cli(['repo'])).code).toBe(0);
    write('repo/internal/native/native.go', 'package native\n\n/*\n#include <stdlib.h>\n*/\nimport "C"\n');
    const { code, stderr } = await cli(['repo']);
    expect(code).toBe(1);
    expect(stderr).toMatch(/left: GDS006 \(line \d+\): the module imports "C"/);
    // without a static binary the final stage stays on its base
    expect(stderr).toMatch(/left: GDS001 \(line \d+\): the program started on line \d+ is not a binary copied from a stage that builds Go without cgo/);
    expect(stderr).not.toContain('ENV CGO_ENABLED=0');
  });

  it('refuses a file that is not UTF-8 instead of guessing its text', async () => {
    write('bin/Dockerfile', new Uint8Array([0x46, 0x52, 0x4f, 0x4d, 0x20, 0xff, 0xfe, 0x0a]));
    const { code, stderr } = await cli(['bin']);
    expect(code).toBe(1);
    expect(stderr).toMatch(/refused \(unreadable\): GDS000/);
  });

  it('exits 2 on usage and I/O errors', async () => {
    expect((await cli([])).code).toBe(2);
    expect((await cli(['--frobnicate', '.'])).code).toBe(2);
    const missing = await cli(['no-such-dir']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/no-such-dir/);
    fs.mkdirSync(path.join(root, 'empty'));
    expect((await cli(['empty'])).code).toBe(2);
  });

  it('documents itself', async () => {
    const { code, stdout } = await cli(['--help']);
    expect(code).toBe(0);
    expect(stdout).toContain('Usage: hardened-go fix [options] PATH...');
  });

  it('--write is all or nothing: a go.mod over its limit stops the run before any file is written', async () => {
    write('a/Dockerfile', DRIFTED);
    write('b/Dockerfile', DRIFTED);
    fs.truncateSync(write('b/go.mod', 'module example.com/b\n'), 5 * 1024 * 1024); // sparse, over GO_MOD_MAX_BYTES
    const { code, stderr } = await cli(['--write', '.']);
    expect(code).toBe(2);
    expect(stderr).toMatch(/cannot read the go\.mod or Go files around b\/Dockerfile: .*larger than 4194304 bytes/);
    // a/Dockerfile comes first and was fixable: it is untouched too
    expect(read('a/Dockerfile')).toBe(DRIFTED);
    expect(read('b/Dockerfile')).toBe(DRIFTED);
  });

  it('--write replaces a file atomically and keeps its mode', async () => {
    const file = write('svc/Dockerfile', DRIFTED);
    fs.chmodSync(file, 0o640);
    expect((await cli(['--write', 'svc'])).code).toBe(0);
    expect(fs.statSync(file).mode & 0o777).toBe(0o640);
    expect(fs.readdirSync(path.join(root, 'svc'))).toEqual(['Dockerfile']); // no temporary file left
  });

  it('--write never writes through a symbolic link, and writes nothing when one is found', async () => {
    const outside = fs.mkdtempSync(path.join(os.tmpdir(), 'hardened-go-outside-'));
    try {
      fs.writeFileSync(path.join(outside, 'Dockerfile'), DRIFTED);
      write('a/Dockerfile', DRIFTED);
      fs.mkdirSync(path.join(root, 'b'));
      fs.symlinkSync(path.join(outside, 'Dockerfile'), path.join(root, 'b/Dockerfile'));
      const { code, stderr } = await cli(['--write', '.']);
      expect(code).toBe(2);
      expect(stderr).toMatch(/b\/Dockerfile is a symbolic link; refusing to write through it \(nothing was written\)/);
      expect(fs.readFileSync(path.join(outside, 'Dockerfile'), 'utf8')).toBe(DRIFTED);
      expect(read('a/Dockerfile')).toBe(DRIFTED);
    } finally {
      fs.rmSync(outside, { recursive: true, force: true });
    }
  });

  it('prints no terminal escape sequence from directory names, messages or file text', async () => {
    const evil = 'svc\u001b]0;pwned\u0007';
    write(`${evil}/Dockerfile`, DRIFTED.replace('EXPOSE 8080', 'LABEL x="\u001b[31mred"\nEXPOSE 8080'));
    write(`${evil}2/Dockerfile`, MAKE_BUILT.replace('RUN make build', 'RUN make build\u001b[2J'));
    const tty = await runCli(['fix', '.'], root, { isTTY: true });
    expect(tty.code).toBe(1);
    expect(tty.stdout + tty.stderr).not.toMatch(/\u001b/);
    expect(tty.stderr).toContain('svc\\u{1b}]0;pwned\\u{7}');
    // piped, the patch stays byte-exact so git apply gets the real text
    const piped = await cli(['.']);
    expect(piped.stdout).toContain('\u001b[31mred');
    expect(piped.stderr).not.toMatch(/\u001b/);
  });

  it('applies the per-file limits: a file over --timeout is refused as too-complex', async () => {
    write('slow/Dockerfile', `FROM golang:1.26-alpine\nARG a=${'ab'.repeat(2000)}\n${  Array.from({ length: 3000 }, (_, i) => `ENV A${i}=\${a//*a*a*a*a*a*a?/x}`).join('\n')  }\n`);
    const { code, stderr } = await cli(['--timeout', '100ms', 'slow']);
    expect(code).toBe(1);
    expect(stderr).toMatch(/slow\/Dockerfile: refused \(too-complex\): GDS000: The file could not be checked within the limits: checking it took longer than 100 ms/);
    expect((await cli(['--timeout', 'soon', 'slow'])).stderr).toMatch(/--timeout must be milliseconds/);
    expect((await cli(['--max-heap-mb', '1', 'slow'])).stderr).toMatch(/--max-heap-mb must be between 32 and 16384/);
  });

  it('fixes by minimal edits, lists what is left with the reason, and exits 1 when something is left', async () => {
    write('svc/Dockerfile', MAKE_BUILT);
    const { code, stdout } = await cli(['--write', 'svc']);
    expect(code).toBe(1);
    const expected = harden(MAKE_BUILT, DEFAULT_POLICY, {});
    expect(expected.method).toBe('edits');
    expect(read('svc/Dockerfile')).toBe(expected.text);
    // the owner's lines stay; the golang tag is pinned on its own line and USER is inserted
    expect(expected.text).toBe(MAKE_BUILT.replace('golang:1.22-alpine', 'golang:1.26.8-alpine3.23').replace('ENTRYPOINT', 'USER 65534:65534\nENTRYPOINT'));
    expect(expected.fixed).toEqual(['GDS003', 'GDS009']);
    expect(stdout).toMatch(/svc\/Dockerfile: fixed in part GDS\d{3}/);
    expect(stdout).toContain('  note: GDS009: `USER 65534:65534` in the final stage (line ');
    expect(stdout).toContain('  left: GDS002 (line 7): alpine has no exact release');
    expect(stdout).toContain('(1 of them in part)');
    // fixing again changes nothing and still says what is left
    const again = await cli(['--write', 'svc']);
    expect(read('svc/Dockerfile')).toBe(expected.text);
    expect(again.stdout).toMatch(/svc\/Dockerfile: refused \(no-go-build\): the image's binary is built by `make build`/);
    expect(again.stdout).toContain('  left: GDS002 (line 7): alpine has no exact release');
  });

  it('--no-rewrite keeps a single-stage build to minimal edits; without it the whole-file rewrite finishes the job', async () => {
    const single = 'FROM golang:1.26.8-alpine3.23\nWORKDIR /src\nCOPY go.mod go.sum* ./\nRUN go mod download && go mod verify\nCOPY . .\nRUN CGO_ENABLED=0 go build -trimpath -ldflags="-s -w" -o /bin/api ./cmd/api\nUSER 65534:65534\nENTRYPOINT ["/bin/api"]\n';
    write('one/Dockerfile', single);
    const editsOnly = await cli(['--no-rewrite', 'one']);
    expect(editsOnly.code).toBe(1);
    expect(editsOnly.stderr).toMatch(/left: GDS001 \(line 1\): the final stage builds the binary itself/);
    const { code, stderr } = await cli(['--write', 'one']);
    expect(code).toBe(0);
    expect(stderr).toBe('');
    expect(read('one/Dockerfile')).toMatch(/^FROM --platform=\$BUILDPLATFORM golang:1\.26\.8-alpine3\.23 AS build\n/m);
    expect(read('one/Dockerfile')).not.toMatch(/^# (?!syntax=)/m); // the pinned frontend directive, no banners
  });
});
