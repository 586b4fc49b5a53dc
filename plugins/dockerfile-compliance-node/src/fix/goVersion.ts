/**
 * Which Go version the hardened build image gets. The policy names the floor; a go.mod that
 * requires a newer Go raises it (the module would not build with an older toolchain), but only
 * to a version the platform supports: a newer requirement than every supported version is a
 * refusal naming the key to change, never an unvetted image tag.
 */
import { compareVersionParts, parseGoVersion, readGoModDirectives } from '@hardened-go/plugin-dockerfile-compliance-common';

/**
 * The Go version a go.mod requires: the higher of its `go` line and its `toolchain` line
 * (`toolchain go1.26.9` asks for that toolchain). Undefined when neither is present.
 *
 * @public
 */
export function goModRequiredVersion(goModText: string): string | undefined {
  const { go, toolchain } = readGoModDirectives(goModText);
  const candidates = [...go.filter((d) => d.valid).map((d) => d.version), ...(toolchain ? [toolchain] : [])];
  let best: { parts: number[]; text: string } | undefined;
  for (const text of candidates) {
    const parts = parseGoVersion(text)!;
    if (!best || compareVersionParts(parts, best.parts) > 0) best = { parts, text };
  }
  return best?.text;
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
