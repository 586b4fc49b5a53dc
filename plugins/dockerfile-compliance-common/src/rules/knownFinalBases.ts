/**
 * What a final base image already provides, so GDS009, GDS010, GDS012 and GDS013 reason about
 * it instead of demanding files that are there: its default user, the names its /etc/passwd
 * and /etc/group resolve, the CA bundle and time-zone data. scratch provides nothing; an image
 * neither built in nor named by the policy (`hardenedGo.standard.knownFinalBases`) is unknown,
 * and those rules stay silent about it as before.
 */
import type { DockerfileModel, ImageRef } from '../model/types';
import type { KnownFinalBase, Policy } from '../policy/types';
import { memoSlot, recall, remember } from './modelMemo';

/** What the rules need to know of the final stage's root base. */
export interface FinalBaseFacts {
  /** `scratch`, or the image reference. */
  label: string;
  /** The user it runs as without a USER instruction (`uid:gid`), or null for root. */
  user: string | null;
  /** User and group names its /etc/passwd and /etc/group resolve. */
  names: ReadonlySet<string>;
  caBundle: boolean;
  zoneinfo: boolean;
}

const DISTROLESS_NAMES = ['root', 'nonroot', 'nobody'];

/**
 * The built-in table (docs/rules/known-final-bases.md). distroless runs as root unless its tag
 * says `nonroot` (`:nonroot`, `:debug-nonroot`, `:nonroot-arm64`); Chainguard's static image
 * runs as nonroot (65532) in every tag.
 */
export const BUILT_IN_FINAL_BASES: ReadonlyArray<KnownFinalBase & { tagIncludes?: string }> = [
  { image: 'gcr.io/distroless/*', tagIncludes: 'nonroot', user: '65532:65532', names: DISTROLESS_NAMES, caBundle: true, zoneinfo: true },
  { image: 'gcr.io/distroless/*', names: DISTROLESS_NAMES, caBundle: true, zoneinfo: true },
  { image: 'cgr.dev/chainguard/static', user: '65532:65532', names: ['root', 'nonroot'], caBundle: true, zoneinfo: true },
];

/** Whether `entry.image` names this reference: `repo`, `repo:tag`, or a `prefix*` of repositories. */
function matches(entry: KnownFinalBase & { tagIncludes?: string }, ref: ImageRef): boolean {
  const image = entry.image.toLowerCase();
  const repository = ref.repository.toLowerCase();
  const tag = ref.tag?.toLowerCase() ?? null;
  if (entry.tagIncludes !== undefined && !(tag ?? '').includes(entry.tagIncludes)) return false;
  if (image.endsWith('*')) return repository.startsWith(image.slice(0, -1));
  const colon = image.lastIndexOf(':');
  if (colon > image.lastIndexOf('/')) return repository === image.slice(0, colon) && tag === image.slice(colon + 1);
  return repository === image;
}

/**
 * The facts of the final stage's root base: scratch, a known image (policy entries first), or
 * null when unknown. Four rules ask for the same model and policy: computed once (read-only).
 */
export function finalBaseFacts(model: DockerfileModel, policy: Policy): FinalBaseFacts | null {
  const known = recall(model, FINAL_BASE);
  if (known !== undefined && known.policy === policy) return known.facts;
  return remember(model, FINAL_BASE, { policy, facts: computeFinalBaseFacts(model, policy) }).facts;
}
const FINAL_BASE = memoSlot<{ policy: Policy; facts: FinalBaseFacts | null }>();

const NO_NAMES: ReadonlySet<string> = new Set();

function computeFinalBaseFacts(model: DockerfileModel, policy: Policy): FinalBaseFacts | null {
  const root = model.rootBase(model.finalStage);
  if (root.kind === 'scratch') return { label: 'scratch', user: null, names: NO_NAMES, caBundle: false, zoneinfo: false };
  if (root.kind !== 'image') return null;
  const entry = findEntry(policy.knownFinalBases, root) ?? findEntry(BUILT_IN_FINAL_BASES, root);
  if (!entry) return null;
  return { label: root.ref, user: entry.user ?? null, names: new Set(entry.names ?? []), caBundle: entry.caBundle ?? false, zoneinfo: entry.zoneinfo ?? false };
}

function findEntry(entries: ReadonlyArray<KnownFinalBase & { tagIncludes?: string }> | undefined, ref: ImageRef): (KnownFinalBase & { tagIncludes?: string }) | undefined {
  if (entries === undefined) return undefined;
  for (const e of entries) if (matches(e, ref)) return e;
  return undefined;
}
