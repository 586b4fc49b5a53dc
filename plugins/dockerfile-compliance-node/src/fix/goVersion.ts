/**
 * Which Go version the hardened build image gets. The policy names the floor; a go.mod that
 * requires a newer Go raises it (the module would not build with an older toolchain), but only
 * to a version the platform supports: a newer requirement than every supported version is a
 * refusal naming the key to change, never an unvetted image tag.
 */
import { before, compareVersionParts, parseGoVersion } from '@hardened-go/plugin-dockerfile-compliance-common';

/**
 * The Go version a go.mod requires: the higher of its `go` line and its `toolchain` line
 * (`toolchain go1.26.9` asks for that toolchain). Undefined when neither is present.
 *
 * @public
 */
export function goModRequiredVersion(goModText: string): string | undefined {
  let best: number[] | null = null;
  let bestText: string | undefined;
  for (const raw of goModText.split('\n')) {
    const line = before(raw, '//').trim();
    const m = /^(go|toolchain)\s+(\S+)$/.exec(line);
    if (!m) continue;
    const v = parseGoVersion(m[2]);
    if (v && (!best || compareVersionParts(v, best) > 0)) {
      best = v;
      bestText = m[2].replace(/^go/, '');
    }
  }
  return bestText;
}

/** @public */
export type GoVersionChoice = { version: string } | { refused: string };

/**
 * max(policy.goVersion, go.mod requirement), as a version the policy supports: the smallest
 * supported version (or the policy's own) that is at least both.
 *
 * @public
 */
export function chooseGoVersion(policyGo: string, supported: string[], goModGo?: string): GoVersionChoice {
  if (goModGo === undefined) return { version: policyGo };
  const required = parseGoVersion(goModGo);
  if (!required) return { refused: `go.mod names an unreadable Go version "${goModGo}"` };
  const floor = parseGoVersion(policyGo);
  if (floor && compareVersionParts(floor, required) >= 0) return { version: policyGo };
  const candidates = [policyGo, ...supported]
    .map((text) => ({ text, v: parseGoVersion(text) }))
    .filter((c): c is { text: string; v: number[] } => c.v !== null && compareVersionParts(c.v, required) >= 0)
    .sort((x, y) => compareVersionParts(x.v, y.v));
  if (candidates.length > 0) return { version: candidates[0].text };
  return {
    refused:
      `go.mod requires Go ${goModGo}, newer than every Go version the policy supports ` +
      `(${[policyGo, ...supported.filter((s) => s !== policyGo)].join(', ')}); add it to ` +
      `hardenedGo.standard.supportedGoVersions (or raise goVersion) so the platform vets that image first`,
  };
}
