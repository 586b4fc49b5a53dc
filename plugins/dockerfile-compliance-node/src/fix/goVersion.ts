import { before } from '@hardened-go/plugin-dockerfile-compliance-common';
/**
 * Which Go version the hardened build image gets. The policy names the floor; a go.mod that
 * requires a newer Go raises it (the module would not build with an older toolchain), but only
 * to a version the platform supports: a newer requirement than every supported version is a
 * refusal naming the key to change, never an unvetted image tag.
 */

/** Parses `1.26`, `1.26.8`, `go1.26.8`, `1.27rc1` into numeric parts; null when it is no Go version. */
export function parseGoVersion(text: string): number[] | null {
  const m = /^(?:go)?(\d+)\.(\d+)(?:\.(\d+))?(?:(?:rc|beta)\d+)?$/.exec(text.trim());
  if (!m) return null;
  return [Number(m[1]), Number(m[2]), m[3] === undefined ? 0 : Number(m[3])];
}

export function compareGoVersions(a: number[], b: number[]): number {
  for (let i = 0; i < 3; i++) if ((a[i] ?? 0) !== (b[i] ?? 0)) return (a[i] ?? 0) - (b[i] ?? 0);
  return 0;
}

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
    if (v && (!best || compareGoVersions(v, best) > 0)) {
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
  if (floor && compareGoVersions(floor, required) >= 0) return { version: policyGo };
  const candidates = [policyGo, ...supported]
    .map((text) => ({ text, v: parseGoVersion(text) }))
    .filter((c): c is { text: string; v: number[] } => c.v !== null && compareGoVersions(c.v, required) >= 0)
    .sort((x, y) => compareGoVersions(x.v, y.v));
  if (candidates.length > 0) return { version: candidates[0].text };
  return {
    refused:
      `go.mod requires Go ${goModGo}, newer than every Go version the policy supports ` +
      `(${[policyGo, ...supported.filter((s) => s !== policyGo)].join(', ')}); add it to ` +
      `hardenedGo.standard.supportedGoVersions (or raise goVersion) so the platform vets that image first`,
  };
}
