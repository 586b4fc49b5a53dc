import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileUsesCgo, modulePathOf } from './goSource';
import { CGO_SCAN_MAX_FILES, findGoMod, scanForCgo } from './repoFacts';
import { startCpuClock } from '../../../../test/support/cpuTime';

describe('what the fixer reads around a Dockerfile', () => {
  it('recognises import "C" alone, in an import block, and skips cgo-only files', () => {
    expect(fileUsesCgo('package a\n\n// #include <x.h>\nimport "C"\n')).toBe(true);
    expect(fileUsesCgo('package a\n\nimport (\n\t"fmt"\n\t"C"\n)\n')).toBe(true);
    expect(fileUsesCgo('//go:build linux && cgo\n\npackage a\nimport "C"\n')).toBe(false);
    expect(fileUsesCgo('//go:build !cgo\n\npackage a\nimport "C"\n')).toBe(true);
    expect(fileUsesCgo('package a\n\nvar s = `import "C"`\nimport "fmt"\n')).toBe(false);
  });

  it('reads the module path', () => {
    expect(modulePathOf('// x\nmodule example.com/a/v2\n\ngo 1.22\n')).toBe('example.com/a/v2');
    expect(modulePathOf('module "example.com/q"\n')).toBe('example.com/q');
  });

  it('finds the nearest go.mod up to the root and scans only its module (nested modules skipped)', async () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'hardened-go-facts-'));
    try {
      fs.mkdirSync(path.join(root, 'svc/deploy'), { recursive: true });
      fs.mkdirSync(path.join(root, 'svc/tools/gen'), { recursive: true });
      fs.writeFileSync(path.join(root, 'svc/go.mod'), 'module x\n');
      fs.writeFileSync(path.join(root, 'svc/main.go'), 'package main\n');
      fs.writeFileSync(path.join(root, 'svc/tools/gen/go.mod'), 'module y\n');
      fs.writeFileSync(path.join(root, 'svc/tools/gen/c.go'), 'package gen\nimport "C"\n');
      expect(await findGoMod(path.join(root, 'svc/deploy'), root)).toBe(path.join(root, 'svc/go.mod'));
      expect(await findGoMod(path.join(root, 'svc/deploy'), path.join(root, 'svc/deploy'))).toBeNull();
      expect(await scanForCgo(path.join(root, 'svc'))).toEqual({ usesCgo: false, files: 1 });
      expect(CGO_SCAN_MAX_FILES).toBeGreaterThan(1000);
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });
});

describe('Go source readers on hostile input', () => {
  it('read CRLF files and one-line import blocks', () => {
    expect(modulePathOf('module example.com/crlf\r\n\r\ngo 1.22\r\n')).toBe('example.com/crlf');
    expect(fileUsesCgo('package a\r\n\r\nimport (\r\n\t"fmt"\r\n\t"C"\r\n)\r\n')).toBe(true);
    expect(fileUsesCgo('package a\nimport ( "C" )\n')).toBe(true);
    expect(fileUsesCgo('package a\nimport ( "fmt" )\nvar C = 1\n')).toBe(false);
  });

  it('stay linear on megabytes of blank lines and unclosed import blocks', () => {
    const blank = '\n'.repeat(4 * 1024 * 1024);
    const unclosed = 'package a\n' + 'import (\n\t"fmt"\n'.repeat(20_000);
    const cpuMs = startCpuClock();
    expect(modulePathOf(blank + 'module example.com/late\n')).toBe('example.com/late');
    expect(fileUsesCgo(blank)).toBe(false);
    expect(fileUsesCgo(unclosed)).toBe(false);
    // the per-line patterns take milliseconds; the multi-line patterns they replace took minutes here
    expect(cpuMs()).toBeLessThan(3000);
  });
});
