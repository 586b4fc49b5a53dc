import { readFileSync } from 'node:fs';
import * as path from 'node:path';

let version: string | undefined;

/** The package version (package.json sits one level above both src/ and dist/). */
export function toolVersion(): string {
  version ??= (JSON.parse(readFileSync(path.resolve(__dirname, '..', 'package.json'), 'utf8')) as { version: string }).version;
  return version;
}
