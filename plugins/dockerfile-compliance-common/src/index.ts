/**
 * `@hardened-go/plugin-dockerfile-compliance-common`: the hardened Go container standard as a
 * pure, isomorphic library (no Node.js built-ins; it runs in the browser too). Strings and
 * plain objects in, plain objects out; no file system, network or clock.
 *
 * - the BuildKit-faithful parser, the semantic model and the rules GDS000-GDS018
 * - the policy (`hardenedGo.standard`) and checkDockerfile
 * - reports (JSON, SARIF, text)
 * - the catalog compliance contract: label and annotation names, the findings format, the rule catalog,
 *   the dockerfile-path annotation's format
 * - where rule docs are published (`hardenedGo.ruleDocsBaseUrl`) and a rule's docs URL
 *
 * @packageDocumentation
 */
export type { ParsedDockerfile, Instruction, InstructionFlag, Heredoc, Comment, ParseError } from './parser/types';
export { parseDockerfile } from './parser/parse';

export type { ImageDigest, KnownFinalBase, Policy, RulePolicy, RuleMode } from './policy/types';
export { DEFAULT_POLICY, PolicyError, POLICY_CONFIG_KEY, policyDigestOf, policyToConfig } from './policy/policy';
export { policyFromConfig } from './policyFromConfig';
export { EXACT_ALPINE_VERSION, EXACT_GO_VERSION, IMAGE_REFERENCE, NUMERIC_USER, STANDARD_VERSION } from './policy/patterns';
export { compareVersions, compareVersionParts, parseGoVersion, parseGolangTag } from './policy/goVersion';

export type { Severity, Finding, FileStatus, CheckResult, CheckOptions, CheckReasonCode } from './check/types';
export { checkDockerfile, checkDockerfileDetailed, statusOf, tooComplexResult, TOO_COMPLEX_MESSAGE } from './check/check';
export type { DetailedCheck } from './check/check';
export { collectSuppressions, parseSuppressionComment, SUPPRESS_RULE_ID } from './check/suppress';
export type { Suppressions, SuppressionComment, SuppressionOptions } from './check/suppress';
export { RULES, ALL_RULES, ruleById } from './rules';
export type { BuildContextFacts, Rule, RawFinding, RelatedRules } from './rules/rule';
export { GO_MOD_MAX_BYTES, readGoModDirectives, readGoModRequirement } from './buildContext/goMod';
export type { GoModDirectives, GoModRequirement } from './buildContext/goMod';
export { isSecretName, secretAssignments } from './rules/GDS017';
export { isRootUser } from './rules/GDS009';
export { chainRunsGoMod, firstBuildPerStage, isGoMod, runsGoMod } from './rules/goCommands';
export { copyProvides, stageLabel } from './rules/util';

export { buildModel, ModelError, PATH_MAX } from './model/build';
export { expand, ExpansionError } from './model/expand';
export type { ExpandOptions, ExpandResult, VarLookup } from './model/expand';
export type { SimpleCommand, Scope } from './model/types';
export { isShell, shellScriptOf } from './model/shells';
export { isGoBinary, splitGoCommandLine, splitQuotedFlags } from './model/goCommandLine';
export type { GoCommandLine, GoFlag } from './model/goCommandLine';
export { WorkBudget, WorkBudgetExceeded, WORK_PER_INPUT_CHAR, WORK_BUDGET_FLOOR } from './model/workBudget';
export type { DockerfileModel, Stage, StageInstruction, BaseImage, ImageRef, CopyOp, GoBuild, RunMount, Vars, VarMap } from './model/types';

export { toJsonReport, toSarif, toCodeQuality, artifactUri, formatText, visible } from './report';
export type { FileReport, RuleMetadata, JsonReport, JsonFileReport, JsonFinding, SarifOptions, TextOptions, CodeQualityIssue } from './report';

// The catalog compliance contract shared by the drift processor and every reader of its annotations.
export * from './compliance';

// Linear string helpers (no regular expression on user text), for the adapters too.
export { before, firstIndexOfAny, trimLeading, trimTrailing } from './text';

// Where rule docs are published (hardenedGo.ruleDocsBaseUrl), for the harden action, the CLI and the view.
export { PROJECT_RULE_DOCS_BASE_URL, RULE_DOCS_BASE_URL_KEY, readRuleDocsBaseUrl, ruleDocsUrl } from './ruleDocs';
export type { ReadRuleDocsBaseUrlOptions, RuleDocsConfig } from './ruleDocs';

// Input problems as one line (the scaffolder actions, the CLI).
export { describeIssues } from './issues';
export type { InputIssue } from './issues';
export { mapLimited } from './mapLimited';
