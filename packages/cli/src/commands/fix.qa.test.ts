/**
 * `hardened-go fix --write` over the fixer's independent QA set
 * (plugins/dockerfile-compliance-node/test-fixtures/fix-qa): the CLI writes each file exactly
 * as harden() fixes it, and reports each outcome; every file the whole-file rewrite fixes
 * (the set's `fixed` expectations) ends fixed, not in part.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { DEFAULT_POLICY } from '@hardened-go/plugin-dockerfile-compliance-common';
import { goModRequiredVersion, harden, modulePathOf, type HardenContext, type RefusalCode } from '@hardened-go/plugin-dockerfile-compliance-node';
import { run as runCli } from '../main';

const FIXTURES = path.resolve(__dirname, '..', '..', '..', '..', 'plugins', 'dockerfile-compliance-node', 'test-fixtures', 'fix-qa');
const NOW = new Date('2026-11-26T00:00:00Z');
const POLICY = DEFAULT_POLICY;

interface Case {
  expect: 'fixed' | 'refused';
  code?: RefusalCode;
  replay?: string;
}

const { cases } = JSON.parse(fs.readFileSync(path.join(FIXTURES, 'expectations.json'), 'utf8')) as { cases: Record<string, Case> };
const files = fs.readdirSync(FIXTURES).filter((f) => f.endsWith('.Dockerfile')).sort();

function contextOf(c: Case): HardenContext {
  if (!c.replay) return { now: NOW };
  const goMod = fs.readFileSync(path.join(FIXTURES, 'modules', c.replay, 'go.mod'), 'utf8');
  return { now: NOW, goModGoVersion: goModRequiredVersion(goMod) ?? undefined, goModulePath: modulePathOf(goMod) ?? undefined };
}

describe('hardened-go fix --write over the same set gives what harden() gives', () => {
  let root: string;
  let outcome: { code: number; stdout: string; stderr: string };

  beforeAll(async () => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'fix-qa-cli-'));
    for (const file of files) {
      const dir = path.join(root, file.replace(/\.Dockerfile$/, ''));
      const module = cases[file].replay;
      if (module) fs.cpSync(path.join(FIXTURES, 'modules', module), dir, { recursive: true });
      fs.mkdirSync(dir, { recursive: true });
      fs.copyFileSync(path.join(FIXTURES, file), path.join(dir, 'Dockerfile'));
    }
    let stdout = '';
    let stderr = '';
    const code = await runCli(['fix', '--write', '.'], {
      stdout: { write: (s: string) => (stdout += s) },
      stderr: { write: (s: string) => (stderr += s) },
      cwd: root,
      isTTY: false,
      env: {},
    });
    outcome = { code, stdout, stderr };
  });
  afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

  it('exits 1 (some files are refused or fixed in part) and writes each file as harden() fixes it', () => {
    expect(outcome.code).toBe(1);
    for (const file of files) {
      const name = file.replace(/\.Dockerfile$/, '');
      const text = fs.readFileSync(path.join(FIXTURES, file), 'utf8');
      const expected = harden(text, POLICY, contextOf(cases[file]));
      expect([file, fs.readFileSync(path.join(root, name, 'Dockerfile'), 'utf8')]).toEqual([file, expected.text]);
      const line = outcome.stdout.split('\n').find((l) => l.includes(`${name}/Dockerfile`));
      const said = expected.refused !== undefined ? `refused (${expected.refusalCode})` : expected.unfixed ? 'fixed in part' : 'fixed ';
      expect([file, line]).toEqual([file, expect.stringContaining(`${name}/Dockerfile: ${said}`)]);
      if (cases[file].expect === 'fixed') expect([file, expected.unfixed, expected.refused]).toEqual([file, undefined, undefined]);
    }
  });
});

