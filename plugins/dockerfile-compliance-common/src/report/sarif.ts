/**
 * SARIF 2.1.0 for GitHub code scanning and other SARIF viewers: one run of the
 * `hardened-go` driver with the rule catalog as metadata, one result per finding
 * (suppressed findings carry an in-source suppression instead of being dropped), each with a
 * partial fingerprint that survives edits elsewhere in the file, so a code-scanning alert
 * stays the same alert when lines above it move.
 */
import type { Severity } from '../policy/types';
import { ALL_RULES } from '../rules';
import type { FileReport, RuleMetadata } from './types';
import { PROJECT_RULE_DOCS_BASE_URL, ruleDocsUrl } from '../ruleDocs';
import { FINGERPRINT_KEY, findingFingerprints } from './fingerprint';

/** @public */
export interface SarifOptions {
  standardVersion: string;
  /** The rule catalog (default ALL_RULES: GDS000-GDS017 and the GDS-SUPPRESS meta rule). */
  rules?: readonly RuleMetadata[];
  /** Version of the tool, recorded as driver.semanticVersion. */
  toolVersion?: string;
  /**
   * Absolute URL of the common package whose rule `docsPath`s (`docs/rules/GDS009.md`)
   * are resolved against for `helpUri` (see ruleDocsUrl), e.g. `https://github.com/acme/hardened-go/blob/main/plugins/dockerfile-compliance-common/`,
   * the value of `hardenedGo.ruleDocsBaseUrl`. Default: this project's own rule pages
   * (PROJECT_RULE_DOCS_BASE_URL), so every rule has a helpUri code scanning can link.
   */
  docsBaseUri?: string;
}

type SarifLevel = 'error' | 'warning' | 'note';
const LEVEL: Record<Severity, SarifLevel> = { error: 'error', warning: 'warning', info: 'note' };

/** `GDS009` + "Final stage runs as a non-root user" -> `FinalStageRunsAsANonRootUser` (SARIF rule names are identifiers). */
function ruleName(title: string): string {
  return title
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map(w => w[0]!.toUpperCase() + w.slice(1))
    .join('');
}

/**
 * A relative, `/`-separated, percent-encoded artifact URI (what code scanning matches against the repository).
 *
 * @public
 */
export function artifactUri(path: string): string {
  return path
    .replace(/\\/g, '/')
    .replace(/^(\.\/)+/, '')
    .split('/')
    .map(segment => encodeURIComponent(segment))
    .join('/');
}

/** @public */
export function toSarif(files: readonly FileReport[], options: SarifOptions): Record<string, unknown> {
  const rules = options.rules ?? ALL_RULES;
  const index = new Map(rules.map((r, i) => [r.id, i]));
  const results = files.flatMap(file => {
    const fingerprints = findingFingerprints(file);
    return file.result.findings.map((f, i) => {
      const ruleIndex = index.get(f.ruleId);
      const result: Record<string, unknown> = {
        ruleId: f.ruleId,
        ...(ruleIndex === undefined ? {} : { ruleIndex }),
        level: LEVEL[f.severity],
        message: { text: f.fixHint ? `${f.message} Fix: ${f.fixHint}` : f.message },
        locations: [
          {
            physicalLocation: {
              artifactLocation: { uri: artifactUri(file.path) },
              region: { startLine: Math.max(1, f.line), endLine: Math.max(1, f.line, f.endLine) },
            },
          },
        ],
        partialFingerprints: { [FINGERPRINT_KEY]: fingerprints[i] },
      };
      if (f.suppressed) {
        result.suppressions = [
          { kind: 'inSource', status: 'accepted', ...(f.suppressionReason ? { justification: f.suppressionReason } : {}) },
        ];
      }
      return result;
    });
  });

  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'hardened-go',
            ...(options.toolVersion ? { semanticVersion: options.toolVersion } : {}),
            rules: rules.map(rule => {
              const uri = ruleDocsUrl(options.docsBaseUri ?? PROJECT_RULE_DOCS_BASE_URL, rule);
              return {
                id: rule.id,
                name: ruleName(rule.title),
                shortDescription: { text: rule.title },
                fullDescription: { text: rule.rationale },
                help: {
                  text: `${rule.rationale}\n\nFix: ${rule.fixHint}\n\nDocumentation: ${rule.docsPath}`,
                  markdown: `${rule.rationale}\n\n**Fix:** ${rule.fixHint}\n\nDocumentation: [${rule.docsPath}](${uri})`,
                },
                helpUri: uri,
                defaultConfiguration: { level: LEVEL[rule.defaultSeverity] },
                properties: { tags: ['hardened-go', 'dockerfile', 'container'] },
              };
            }),
          },
        },
        results,
        properties: { standardVersion: options.standardVersion },
      },
    ],
  };
}
