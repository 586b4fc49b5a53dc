/**
 * The rollout plan: drifted services grouped by owner, each Dockerfile with the findings the
 * drift processor recorded and what the fixer would do to it (a dry run of harden() on the
 * current file text). Pure: the texts are read by the caller (readRemoteFile.ts).
 */
import {
  ANNOTATION_DOCKERFILE_URL,
  ANNOTATION_FINDINGS,
  ANNOTATION_STANDARD_VERSION,
  parseDockerfileUrls,
  parseFindingsAnnotation,
  type FileOutcome,
} from '@hardened-go/plugin-dockerfile-compliance-common';
import type { HardenContext } from '@hardened-go/plugin-dockerfile-compliance-node';
import type { CheckPool } from '@hardened-go/plugin-dockerfile-compliance-node';
import type { Policy } from '@hardened-go/plugin-dockerfile-compliance-common';
import { visible } from '@hardened-go/plugin-dockerfile-compliance-common';
import type { CatalogEntity } from './catalogClient';

/** An error or warning the fixer would leave, and why (HardenResult.unfixed). */
export interface LeftFinding {
  ruleId: string;
  line: number;
  reason: string;
}

export type FixPreview =
  | { outcome: 'fixed'; method: 'edits' | 'rewrite'; fixed: string[]; notes: string[]; diff: string; unfixed?: LeftFinding[] }
  | { outcome: 'compliant'; note: string }
  | { outcome: 'refused'; refusalCode: string; reason: string; unfixed?: LeftFinding[] }
  | { outcome: 'unavailable'; reason: string };

export interface PlannedFile extends FileOutcome {
  /** Absent with --annotations-only. */
  fix?: FixPreview;
}

export interface PlannedService {
  entityRef: string;
  name: string;
  title?: string;
  owner: string;
  /** The standard version the processor checked against. */
  standardVersion?: string;
  files: PlannedFile[];
  /** Set when the findings annotation could not be read. */
  problem?: string;
}

export interface OwnerPlan {
  owner: string;
  services: PlannedService[];
}

export interface RolloutPlan {
  catalog: string;
  standardVersion: string;
  owners: OwnerPlan[];
  /** Services: with a file the fixer would change (`inPart` of them leaving errors or warnings), refuse, or could not read. */
  totals: { owners: number; services: number; fixable: number; inPart: number; refused: number; unavailable: number };
  /** Services checked against another standard version than this policy's. */
  versionMismatches: string[];
}

/** `team-a`, `group:team-a`, `Group:Default/Team-A` -> `group:default/team-a` (owners default to kind group). */
export function normalizeOwnerRef(owner: string, defaultNamespace = 'default'): string {
  const trimmed = owner.trim();
  const m = /^(?:([^:/]+):)?(?:([^:/]+)\/)?([^:/]+)$/.exec(trimmed);
  if (!m) return trimmed.toLowerCase();
  return `${(m[1] ?? 'group').toLowerCase()}:${(m[2] ?? defaultNamespace).toLowerCase()}/${m[3]!.toLowerCase()}`;
}

export function entityRefOf(entity: CatalogEntity): string {
  return `${entity.kind.toLowerCase()}:${(entity.metadata.namespace ?? 'default').toLowerCase()}/${entity.metadata.name.toLowerCase()}`;
}

export interface FileText {
  /** The Dockerfile text, or why it could not be read. */
  dockerfile: { ok: true; text: string } | { ok: false; reason: string };
  context: HardenContext;
}

/** What the fixer would do to one file's current text (in the pool's workers, under its limits). */
export async function previewFix(
  path: string,
  text: FileText['dockerfile'],
  policy: Policy,
  context: HardenContext,
  fixer: Pick<CheckPool, 'harden'>,
): Promise<FixPreview> {
  if (!text.ok) return { outcome: 'unavailable', reason: text.reason };
  const { result, diff } = await fixer.harden(text.text, policy, context, { diffPath: path });
  const left = result.unfixed !== undefined && result.unfixed.length > 0 ? { unfixed: result.unfixed } : {};
  if (result.refused !== undefined) return { outcome: 'refused', refusalCode: result.refusalCode ?? 'unsupported-build', reason: result.refused, ...left };
  if (result.text === text.text) {
    return { outcome: 'compliant', note: 'the current file already meets this policy (changed since the catalog checked it, or another policy)' };
  }
  return { outcome: 'fixed', method: result.method ?? 'rewrite', fixed: result.fixed, notes: result.notes, diff, ...left };
}

/** The services to plan, owners normalised and filtered (empty filter: all). */
export function selectServices(entities: readonly CatalogEntity[], ownerFilter: readonly string[]): Array<{ entity: CatalogEntity; owner: string }> {
  const wanted = new Set(ownerFilter.map((o) => normalizeOwnerRef(o, 'default')));
  return entities
    .map((entity) => {
      const raw = typeof entity.spec?.owner === 'string' ? entity.spec.owner : '';
      const owner = raw ? normalizeOwnerRef(raw, entity.metadata.namespace ?? 'default') : '(no owner)';
      return { entity, owner };
    })
    .filter(({ owner }) => wanted.size === 0 || wanted.has(owner));
}

/** The files of an entity as the processor recorded them (with the URL list as a fallback for the URLs). */
export function recordedFiles(entity: CatalogEntity): { files: FileOutcome[]; problem?: string } {
  const annotations = entity.metadata.annotations ?? {};
  const parsed = parseFindingsAnnotation(annotations[ANNOTATION_FINDINGS]);
  if (!parsed.ok) {
    const urls = parseDockerfileUrls(annotations[ANNOTATION_DOCKERFILE_URL]);
    return {
      problem: parsed.error,
      files: urls.map((url) => ({ path: url.split('/').pop() ?? url, url, status: 'drifted', counts: { error: 0, warning: 0, info: 0 }, findings: [], more: 0 })),
    };
  }
  return { files: parsed.files };
}

export function buildPlan(
  catalog: string,
  policy: Policy,
  services: ReadonlyArray<{ entity: CatalogEntity; owner: string; files: PlannedFile[]; problem?: string }>,
): RolloutPlan {
  const byOwner = new Map<string, PlannedService[]>();
  const versionMismatches: string[] = [];
  for (const s of services) {
    const entityRef = entityRefOf(s.entity);
    const standardVersion = s.entity.metadata.annotations?.[ANNOTATION_STANDARD_VERSION];
    if (standardVersion !== undefined && standardVersion !== policy.standardVersion) versionMismatches.push(`${entityRef} (${standardVersion})`);
    const planned: PlannedService = { entityRef, name: s.entity.metadata.name, owner: s.owner, files: s.files };
    if (s.entity.metadata.title) planned.title = s.entity.metadata.title;
    if (standardVersion !== undefined) planned.standardVersion = standardVersion;
    if (s.problem) planned.problem = s.problem;
    if (!byOwner.has(s.owner)) byOwner.set(s.owner, []);
    byOwner.get(s.owner)!.push(planned);
  }
  const owners = [...byOwner.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([owner, list]) => ({ owner, services: list.sort((a, b) => a.entityRef.localeCompare(b.entityRef)) }));
  const all = owners.flatMap((o) => o.services);
  const anyFix = (s: PlannedService, kind: FixPreview['outcome']) => s.files.some((f) => f.fix?.outcome === kind);
  return {
    catalog,
    standardVersion: policy.standardVersion,
    owners,
    totals: {
      owners: owners.length,
      services: all.length,
      fixable: all.filter((s) => anyFix(s, 'fixed')).length,
      inPart: all.filter((s) => s.files.some((f) => f.fix?.outcome === 'fixed' && f.fix.unfixed !== undefined)).length,
      refused: all.filter((s) => anyFix(s, 'refused')).length,
      unavailable: all.filter((s) => anyFix(s, 'unavailable')).length,
    },
    versionMismatches,
  };
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function leftLines(unfixed: readonly LeftFinding[] | undefined): string[] {
  return (unfixed ?? []).map((u) => `        left: ${u.ruleId} (line ${u.line}): ${u.reason}`);
}

/** The plan as text for a terminal or a ticket: per owner, per service, per file. */
export function formatPlanText(plan: RolloutPlan, options: { diff: boolean }): string {
  const out: string[] = [];
  const t = plan.totals;
  out.push(`Rollout plan: ${plural(t.services, 'drifted service')} of ${plural(t.owners, 'owner')} (catalog ${plan.catalog}, standard ${plan.standardVersion})`);
  out.push(`  the fixer would fix ${t.fixable} (${t.inPart} of them in part), refuse ${t.refused} (hand-made change needed), could not read ${t.unavailable}`);
  if (plan.versionMismatches.length > 0) out.push(`  note: checked against another standard version than this policy's: ${plan.versionMismatches.join(', ')}`);
  for (const owner of plan.owners) {
    const fixable = owner.services.filter((s) => s.files.some((f) => f.fix?.outcome === 'fixed')).length;
    out.push('', `${owner.owner}: ${plural(owner.services.length, 'service')}${plan.totals.fixable + plan.totals.refused + plan.totals.unavailable > 0 ? `, ${fixable} fixable by the harden action` : ''}`);
    for (const service of owner.services) {
      out.push(`  ${service.entityRef}${service.title ? ` (${service.title})` : ''}`);
      if (service.problem) out.push(`    cannot read the recorded findings: ${service.problem}`);
      for (const file of service.files) {
        const c = file.counts;
        out.push(`    ${file.path}: ${file.status} (${plural(c.error, 'error')}, ${plural(c.warning, 'warning')}, ${c.info} info)${file.url ? ` ${file.url}` : ''}`);
        if (file.reason) out.push(`      reason: ${file.reason}`);
        for (const f of file.findings) out.push(`      ${f.rule} ${f.severity} line ${f.line}: ${f.message}`);
        if (file.more > 0) out.push(`      ... and ${file.more} more`);
        const fix = file.fix;
        if (!fix) continue;
        switch (fix.outcome) {
          case 'fixed':
            out.push(`      fixer: would fix${fix.unfixed ? ' in part' : ''} ${fix.fixed.join(', ') || '(no rule)'} ${fix.method === 'edits' ? 'by minimal edits' : 'by rewriting the whole file'}`);
            for (const note of fix.notes) out.push(`        note: ${note}`);
            out.push(...leftLines(fix.unfixed));
            if (options.diff) out.push(...fix.diff.replace(/\n$/, '').split('\n').map((l) => `        ${l}`));
            break;
          case 'refused':
            out.push(`      fixer: refused (${fix.refusalCode}): ${fix.reason}`);
            out.push(...leftLines(fix.unfixed));
            break;
          case 'compliant':
            out.push(`      fixer: nothing to change: ${fix.note}`);
            break;
          case 'unavailable':
            out.push(`      fixer: not previewed: ${fix.reason}`);
            break;
        }
      }
    }
  }
  // names, messages and file text come from the catalog and the repositories: no escape sequence reaches the terminal
  return `${out.map(visible).join('\n')}\n`;
}
