/**
 * @hardened-go/dockerfile-standard: the hardened Go container standard as a pure library.
 * Strings and plain objects in, plain objects out; no file system, network or clock
 * (the CLI in ./cli is the only part that does I/O).
 */
export type { ParsedDockerfile, Instruction, InstructionFlag, Heredoc, Comment, ParseError } from './parser/types';
export { parseDockerfile } from './parser/parse';

export type { Policy, RulePolicy, RuleMode } from './policy/types';
export { DEFAULT_POLICY, policyFromConfig, PolicyError, POLICY_CONFIG_KEY } from './policy/policy';

export type { Severity, Finding, FileStatus, CheckResult, CheckOptions, CheckReasonCode } from './check/types';
export { checkDockerfile, tooComplexResult, TOO_COMPLEX_MESSAGE } from './check/check';
export { RULES, ALL_RULES, ruleById } from './rules';
export type { Rule, RawFinding, RelatedRules } from './rules/rule';
export { buildModel, ModelError } from './model/build';
export { expand, ExpansionError } from './model/expand';
export type { ExpandOptions, ExpandResult, VarLookup } from './model/expand';
export type { DockerfileModel, Stage, StageInstruction, BaseImage, ImageRef, CopyOp, GoBuild } from './model/types';

export { renderDockerfile, renderDockerignore, RenderParamsError } from './render/render';
export type { ServiceImageParams, RenderArg, RenderPair, RenderCopy, LdflagsXPair } from './render/render';

export { toJsonReport, toSarif, formatText } from './report';
export type { FileReport, JsonReport, JsonFileReport, JsonFinding, SarifOptions, TextOptions } from './report';

// "Create new Go service": the pure generator plus writeFilesSafely, the I/O edge its two adapters (scaffolder action, `hardened-go new`) share.
export * from './service';

export { harden } from './fix/harden';
export type { HardenContext, HardenResult, RefusalCode } from './fix/types';
export { REFUSAL_MEANINGS } from './fix/refusals';
export { unifiedDiff } from './fix/unifiedDiff';
export { goModRequiredVersion, chooseGoVersion } from './fix/goVersion';
export { modulePathOf, fileUsesCgo } from './fix/goSource';
// The fixer's I/O edge (go.mod Go version and module path, bounded cgo scan) for adapters that hold the repository on disk (CLI, scaffolder action).
export { contextFor } from './fix/repoFacts';

// Isolation: checks and rewrites in worker threads under hardenedGo.limits (time, heap), for adapters that run in a shared process.
export { createCheckPool } from './isolation/checkPool';
export type { CheckPool, HardenOutcome } from './isolation/checkPool';
export { readCheckLimits, withLimits, DEFAULT_CHECK_LIMITS, LIMITS_CONFIG_KEY, LimitsError } from './isolation/limits';
export type { CheckLimits } from './isolation/limits';
export { readDurationMs } from './config/duration';
export type { CgoScan } from './fix/repoFacts';

// Linear string trimming (no regular expression on user text), for the adapters too.
export { before, trimLeading, trimTrailing } from './text';
