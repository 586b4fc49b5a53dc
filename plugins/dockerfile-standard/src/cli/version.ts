import { readFileSync } from 'node:fs';
import * as path from 'node:path';

let version: string | undefined;

/** The package version (package.json sits two levels above both src/cli and dist/cli). */
export function toolVersion(): string {
  version ??= (JSON.parse(readFileSync(path.resolve(__dirname, '..', '..', 'package.json'), 'utf8')) as { version: string }).version;
  return version;
}
