import { readFileSync } from 'node:fs';

let version: string | undefined;

/** The package version, from the package's own package.json (the package exports it). */
export function toolVersion(): string {
  version ??= (JSON.parse(readFileSync(require.resolve('@hardened-go/cli/package.json'), 'utf8')) as { version: string }).version;
  return version;
}
