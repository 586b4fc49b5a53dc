/** A validator for SARIF 2.1.0 logs, for tests (ajv with the draft-04 dialect the schema is written in). */
import * as fs from 'node:fs';
import * as path from 'node:path';
import Ajv from 'ajv-draft-04';
import addFormats from 'ajv-formats';

const SCHEMA = JSON.parse(fs.readFileSync(path.join(__dirname, 'sarif-2.1.0-rtm.5.json'), 'utf8')) as object;

export function sarifValidator() {
  // unicodeRegExp off: the schema's `language` pattern has a stray `]` that only non-unicode regexps accept.
  const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
  addFormats(ajv);
  return ajv.compile(SCHEMA);
}
