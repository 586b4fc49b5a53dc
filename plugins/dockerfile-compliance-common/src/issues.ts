/**
 * Input problems as one line, for errors that name every bad field at once (the scaffolder
 * actions' input, the CLI's flags): `name must be a DNS label; port must be 1024-65535`.
 */

/**
 * One problem with an input: where it is (a path of keys, as zod's issues have it; empty for
 * the input as a whole) and what is wrong, as a phrase that reads after the name.
 *
 * @public
 */
export interface InputIssue {
  path: ReadonlyArray<string | number>;
  message: string;
}

/**
 * `issues` joined by `; `, each as `<name> <message>`. The name is the path joined by dots
 * (`input` for an empty path), or what `nameOf` makes of that, e.g. a CLI flag for a field.
 *
 * @public
 */
export function describeIssues(issues: readonly InputIssue[], nameOf: (path: string) => string = path => path): string {
  return issues.map(issue => `${nameOf(issue.path.join('.')) || 'input'} ${issue.message}`).join('; ');
}
