/**
 * The demo's ready line and the copy-paste commands under it. Pure: the starter passes in
 * what it measured; tests assert the commands run as printed.
 */
import { COMPLIANCE_LABEL, FINDINGS_ANNOTATION, type LabelsByService } from './catalogLabels';

export interface ReadyMessageInput {
  /** External URL of the backend, e.g. http://localhost:7007. */
  backendUrl: string;
  /** Base URL of the example repository server. */
  examplesUrl: string;
  labels: LabelsByService;
  startupMs: number;
  /** Absolute path of the dry-run request body file (undefined: the template could not be read). */
  dryRunRequestFile?: string;
  /** Examples directory as the user should pass it to the CLI (relative to the repo root when possible). */
  examplesDirForCli: string;
  /** URL of the compliance view (the dev app), when it is served. */
  complianceViewUrl?: string;
  /** Campaign mode (the examples on the loopback GitHub host): the Backstage token `rollout apply` uses. */
  campaignToken?: string;
}

/** Quotes a string for a POSIX shell (single quotes; embedded ones closed and escaped). */
export function shellQuote(value: string): string {
  return /^[A-Za-z0-9_./:@%+=,-]+$/.test(value) ? value : `'${value.replace(/'/g, `'\\''`)}'`;
}

function countByLabel(labels: LabelsByService): string {
  const counts = new Map<string, number>();
  for (const label of labels.values()) {
    const key = label ?? 'not checked yet';
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return [...counts.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([label, n]) => `${n} ${label}`)
    .join(', ');
}

/** The one line that says the demo is up (always a single line). */
export function readyLine(input: ReadyMessageInput): string {
  const seconds = (input.startupMs / 1000).toFixed(1);
  const missing = [...input.labels.values()].filter(label => label === undefined).length;
  const state = missing === 0 ? 'ready' : `up, but ${missing} example(s) not checked yet`;
  return (
    `hardened-go ${state} in ${seconds}s: backend ${input.backendUrl} | ${ 
    input.complianceViewUrl ? `compliance view ${input.complianceViewUrl} | ` : '' 
    }example repositories ${input.examplesUrl} | ` +
    `${input.labels.size} example services: ${countByLabel(input.labels)}`
  );
}

/** The commands to try, one per line, each preceded by a comment line. */
export function tryCommands(input: ReadyMessageInput): string[] {
  const drifted =
    `${input.backendUrl}/api/catalog/entities/by-query?` +
    `filter=metadata.labels.${COMPLIANCE_LABEL}=drifted&fields=metadata.name,metadata.annotations`;
  // Small node one-liners (node is there, jq may not be) turn the JSON into a few lines.
  const stdin = 'JSON.parse(require("fs").readFileSync(0,"utf8"))';
  const summariseDrifted =
    `node -p '${stdin}.items.map(e => e.metadata.name + ": " + ` +
    `JSON.parse(e.metadata.annotations["${FINDINGS_ANNOTATION}"] || "[]").flatMap(f => f.findings.map(x => x.rule)).join(" ")).join("\\n")'`;
  const listFiles =
    `node -p 'const r = ${stdin}; r.directoryContents ? r.directoryContents.map(f => f.path).join("\\n") : JSON.stringify(r, null, 2)'`;
  return [
    '# the drifted services and the rules they break (drop the "| node ..." part for the full JSON):',
    `curl -s ${shellQuote(drifted)} | ${summariseDrifted}`,
    ...(input.dryRunRequestFile === undefined
      ? []
      : [
          '# dry-run the "Create new Go service" template through the scaffolder (lists the generated files):',
          `curl -s -X POST ${input.backendUrl}/api/scaffolder/v2/dry-run -H 'Content-Type: application/json' ` +
            `-d @${shellQuote(input.dryRunRequestFile)} | ${listFiles}`,
        ]),
    '# the same standard from the command line, in the repository root (exit code 1: some examples drifted):',
    `npx hardened-go check ${shellQuote(input.examplesDirForCli)}`,
    "# the same, with the portal's policy (edit hardenedGo.standard.rules in app-config.yaml: the next run applies it):",
    `HARDENED_GO_TOKEN=\${HARDENED_GO_POLICY_TOKEN:-hardened-go-demo-token} npx hardened-go check --policy-url ${input.backendUrl} ${shellQuote(input.examplesDirForCli)}`,
    ...(input.campaignToken === undefined
      ? []
      : [
          '# a hardening campaign over the drifted examples: a dry run (add --yes to open the pull requests on the GitHub host):',
          `BACKSTAGE_TOKEN=${shellQuote(input.campaignToken)} npx hardened-go rollout apply --catalog ${input.backendUrl} --all`,
        ]),
  ];
}
