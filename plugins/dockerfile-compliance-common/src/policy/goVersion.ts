/** Go releases and golang image tags: parsing and numeric comparison, for the policy, GDS003 and the fixer. */

/**
 * Compares version parts numerically; a missing part counts as 0 (1.26 equals 1.26.0).
 * Negative, 0 or positive, like a sort comparator.
 *
 * @public
 */
export function compareVersionParts(a: readonly number[], b: readonly number[]): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const d = (a[i] ?? 0) - (b[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

/**
 * Numeric comparison of dotted versions (1.26.10 is newer than 1.26.9): -1, 0 or 1.
 *
 * @public
 */
export function compareVersions(a: string, b: string): number {
  const d = compareVersionParts(a.split('.').map(Number), b.split('.').map(Number));
  // NaN (a part that is no number) sorts as newer, as it always has
  return d === 0 ? 0 : d < 0 ? -1 : 1;
}

/**
 * Parses `1.26`, `1.26.8`, `go1.26.8`, `1.27rc1` into [major, minor, patch] (a pre-release
 * counts as its release); null when the text is no Go version.
 *
 * @public
 */
export function parseGoVersion(text: string): number[] | null {
  const m = /^(?:go)?(\d+)\.(\d+)(?:\.(\d+))?(?:(?:rc|beta)\d+)?$/.exec(text.trim());
  if (!m) return null;
  return [Number(m[1]), Number(m[2]), m[3] === undefined ? 0 : Number(m[3])];
}

/**
 * What a golang image tag names. `1.26.8-alpine3.23` gives go 1.26.8, alpine 3.23;
 * `1.25rc2-alpine` gives go 1.25, alpine null; `alpine3.20` (the newest Go on an older
 * Alpine) gives go null, alpine 3.20. Null when the tag names no version at all.
 *
 * @public
 */
export function parseGolangTag(tag: string): { go: string | null; alpine: string | null; variant: string | null } | null {
  const bare = /^([a-z]+?)(\d+(?:\.\d+)*)?$/.exec(tag);
  if (bare && bare[1] !== 'v') return { go: null, variant: bare[1]!, alpine: bare[1] === 'alpine' ? (bare[2] ?? null) : null };
  const m = /^v?(\d+(?:\.\d+){0,2})(?:(?:rc|beta)\d+)?(?:-([a-z]+?)(\d+(?:\.\d+)*)?)?(?:-|$)/.exec(tag);
  if (!m) return null;
  return { go: m[1]!, variant: m[2] ?? null, alpine: m[2] === 'alpine' ? (m[3] ?? null) : null };
}

/**
 * Whether a version as a tag names it is older than `floor`. A floating `1.26` follows the
 * newest patch, so only the parts it names are compared (1.26 is not older than 1.26.8).
 */
export function tagVersionOlderThan(tagVersion: string, floor: string): boolean {
  const fast = compareDigitVersions(tagVersion, floor);
  if (fast !== null) return fast < 0;
  const parts = tagVersion.split('.').length;
  return compareVersions(tagVersion, floor.split('.').slice(0, parts).join('.')) < 0;
}

/** Where the part read last by digitPart ended. */
let partEnd = 0;

/** The number of the digits from `from` to the next `.` or the end (0 when none), or -1 when another character or over 15 digits come first. */
function digitPart(text: string, from: number): number {
  let value = 0;
  let i = from;
  for (; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 46 /* . */) break;
    if (c < 48 || c > 57 || i - from >= 15) return -1;
    value = value * 10 + (c - 48);
  }
  partEnd = i;
  return value;
}

/**
 * tagVersionOlderThan's comparison without splitting: `version` against as many parts of
 * `floor` as `version` has, negative when older. Only for parts of plain digits (up to 15,
 * so exact as numbers); null otherwise, and the caller takes the general path.
 */
function compareDigitVersions(version: string, floor: string): number | null {
  let v = 0;
  let f = 0;
  let floorLeft = true;
  for (;;) {
    const a = digitPart(version, v);
    if (a < 0) return null;
    const versionEnd = partEnd;
    let b = 0;
    if (floorLeft) {
      b = digitPart(floor, f);
      if (b < 0) return null;
      if (partEnd >= floor.length) floorLeft = false;
      else f = partEnd + 1;
    }
    if (a !== b) return a - b;
    if (versionEnd >= version.length) return 0;
    v = versionEnd + 1;
  }
}
