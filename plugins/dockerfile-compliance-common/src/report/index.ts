export { toJsonReport } from './json';
export type { JsonReport, JsonFileReport, JsonFinding } from './json';
export { toSarif, artifactUri } from './sarif';
export { toCodeQuality } from './codeQuality';
export type { CodeQualityIssue } from './codeQuality';
export type { SarifOptions } from './sarif';
export { formatText, visible } from './text';
export type { TextOptions } from './text';
export type { FileReport, RuleMetadata } from './types';
