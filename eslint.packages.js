/**
 * The lint configuration of every package: Backstage's own (the one `backstage-cli new` sets
 * up), plus eslint-plugin-regexp's checks for regular expressions that backtrack or move in
 * super-linear time. The checker runs on every repository's Dockerfile inside a portal, so a
 * pattern that is quadratic on hostile input is a bug, not a style question.
 *
 * Turned off, with the reason:
 * - prefer-template, no-nested-ternary, default-case, consistent-return and
 *   no-use-before-define across scopes: style; the code reads top-down, entry point first.
 * - no-control-regex: the escaping code (reports, diffs, validation) matches control
 *   characters on purpose, to neutralise them.
 * max-lines-per-function (120, blank lines and comments not counted): a function longer than
 * that is more than one idea; split it. Test files are exempt (a describe block holds many tests).
 * In tests: shared suites under test/ (the repository-level support, fixtures and corpus)
 * are imported by relative path; assertions live in helpers; console output is a report.
 */
module.exports = dir =>
  require('@backstage/cli/config/eslint-factory')(dir, {
    plugins: ['regexp'],
    rules: {
      'regexp/no-super-linear-backtracking': 'error',
      'regexp/no-super-linear-move': 'error',
      'prefer-template': 'off',
      'no-nested-ternary': 'off',
      'default-case': 'off',
      'consistent-return': 'off',
      'no-control-regex': 'off',
      'max-lines-per-function': ['error', { max: 120, skipBlankLines: true, skipComments: true }],
    },
    tsRules: {
      '@typescript-eslint/no-use-before-define': ['error', { functions: false, classes: false, variables: false }],
    },
    testRules: {
      '@backstage/no-relative-monorepo-imports': 'off',
      'jest/no-conditional-expect': 'off',
      'jest/expect-expect': 'off',
      'no-console': 'off',
      'max-lines-per-function': 'off',
    },
  });
