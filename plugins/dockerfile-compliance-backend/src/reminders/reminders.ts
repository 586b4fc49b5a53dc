/**
 * Which reminders to send, decided from what is known: pure (no catalog, no database, no
 * clock of its own). The inputs are the covered services as the catalog has them now, the
 * state each had when the reminders last looked, the dedup keys already handled (sent, or
 * silenced by the baseline), the policy's `enforceAfter` deadlines and the time.
 *
 * - **A service that becomes drifted**: its owner is told once per drifted episode. An episode
 *   begins when a service is seen drifted and was last seen compliant, or is seen for the first
 *   time (a service registered after the baseline); it ends when the service is seen compliant.
 *   `unknown` and `error` (the file could not be read or checked) neither begin nor end one: a
 *   Git host's bad hour between two drifted checks is not a new change. The dedup key is
 *   `state:<entityRef>:drifted:<episode>`.
 * - **The baseline**: the very first run (nothing stored yet) records every service's state and
 *   marks the reminders of services already drifted as handled without sending them, so
 *   switching reminders on does not tell every owner about every old drift at once.
 * - **A deadline**: an owner whose drifted services have findings of rules with an
 *   `enforceAfter` day 1 to `deadlineWarningDays` days ahead is told once per owner and day
 *   (`deadline:<ownerRef>:<day>`), naming the rules and how many services break each.
 * - Services without an owner get no reminder (they are listed, for a log line).
 */
import { createHash } from 'node:crypto';
import { stringifyEntityRef, type Entity } from '@backstage/catalog-model';
import {
  ANNOTATION_FINDINGS,
  LABEL_COMPLIANCE,
  isComplianceStatus,
  parseFindingsAnnotation,
  rulesWithFindings,
  totalCounts,
  type ComplianceStatus,
  type EnforcementDeadline,
} from '@hardened-go/plugin-dockerfile-compliance-common';
import { ownerRefOf } from '../catalog/coveredEntities';
import { deadlinePayload, driftedPayload, type ReminderPayload, type ReminderService } from './reminderMessages';

/** A service the drift processor covers, as the reminders read it. */
export interface CoveredService extends ReminderService {
  status: ComplianceStatus;
}

/** What the reminders remember of a service between runs. */
export interface ReminderState {
  entityRef: string;
  status: ComplianceStatus;
  /** How many drifted episodes it has had. */
  episode: number;
  /** ISO time the current drifted episode began; undefined once seen compliant. */
  driftedSince?: string;
}

/** A dedup key already handled, with what it is about (for pruning). */
export interface HandledKey {
  key: string;
  /** The service of a state reminder. */
  entityRef?: string;
  /** The `enforceAfter` day of a deadline reminder. */
  day?: string;
}

export interface Reminder extends HandledKey {
  kind: 'state' | 'deadline';
  /** The owner, an entity ref: the notifications backend resolves a group to its members. */
  recipient: string;
  payload: ReminderPayload;
}

export interface ReminderPlanInput {
  services: readonly CoveredService[];
  previous: ReadonlyMap<string, ReminderState>;
  /** False on the very first run: the baseline is then taken. */
  baselineTaken: boolean;
  handled: readonly HandledKey[];
  deadlines: readonly EnforcementDeadline[];
  deadlineWarningDays: number;
  now: Date;
  /** app.baseUrl, for absolute links; without it links are paths in the app. */
  appBaseUrl?: string;
}

export interface ReminderPlan {
  /** States new or changed since the last run. */
  states: ReminderState[];
  /** Services no longer covered: their states are forgotten. */
  gone: string[];
  /** Handled keys that can never come up again (an episode ended, a deadline day came): forgotten. */
  forget: string[];
  /** The baseline's keys: handled, never sent. */
  silenced: HandledKey[];
  reminders: Reminder[];
  /** Drifted services no one owns: no reminder. */
  unowned: string[];
}

/** The notifications backend keeps a scope of at most 255 characters. */
const MAX_KEY_LENGTH = 255;

function bounded(prefix: string, subject: string, suffix: string): string {
  const key = `${prefix}${subject}${suffix}`;
  if (key.length <= MAX_KEY_LENGTH) return key;
  return `${prefix}sha256-${createHash('sha256').update(subject).digest('hex')}${suffix}`;
}

export function stateKey(entityRef: string, episode: number): string {
  return bounded('state:', entityRef, `:drifted:${episode}`);
}

export function deadlineKey(ownerRef: string, day: string): string {
  return bounded('deadline:', ownerRef, `:${day}`);
}

/** Whole UTC days from `from` to `to` (both YYYY-MM-DD). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** A catalog entity as the reminders read it; undefined when the drift processor does not cover it. */
export function coveredServiceOf(entity: Entity): CoveredService | undefined {
  const label = entity.metadata.labels?.[LABEL_COMPLIANCE];
  if (label === undefined) return undefined;
  const namespace = entity.metadata.namespace ?? 'default';
  const parsed = parseFindingsAnnotation(entity.metadata.annotations?.[ANNOTATION_FINDINGS]);
  const files = parsed.ok ? parsed.files : [];
  const counts = totalCounts(files);
  const rules = rulesWithFindings(files);
  const kind = entity.kind.toLocaleLowerCase('en-US');
  return {
    entityRef: stringifyEntityRef(entity),
    kind,
    namespace,
    name: entity.metadata.name,
    ownerRef: ownerRefOf(entity),
    // an unrecognised label is never taken for compliant
    status: isComplianceStatus(label) ? label : 'unknown',
    rules,
    counts,
  };
}

/** The state a service is in now, from the one it was in. */
function nextState(service: CoveredService, previous: ReminderState | undefined, now: string): ReminderState {
  const state: ReminderState = previous ? { ...previous, status: service.status } : { entityRef: service.entityRef, status: service.status, episode: 0 };
  if (service.status === 'drifted' && state.driftedSince === undefined) {
    state.episode += 1;
    state.driftedSince = now;
  } else if (service.status === 'compliant') {
    delete state.driftedSince;
  }
  return state;
}

function sameState(a: ReminderState | undefined, b: ReminderState): boolean {
  return a !== undefined && a.status === b.status && a.episode === b.episode && a.driftedSince === b.driftedSince;
}

export function planReminders(input: ReminderPlanInput): ReminderPlan {
  const plan: ReminderPlan = { states: [], gone: [], forget: [], silenced: [], reminders: [], unowned: [] };
  // A catalog that answers with no covered service at all is not taken at its word: forgetting
  // every state would make every service new, and every drifted one a reminder, on the next run.
  if (input.services.length === 0) return plan;
  const now = input.now.toISOString();
  const today = now.slice(0, 10);
  const handled = new Set(input.handled.map(h => h.key));
  const current = new Map<string, ReminderState>();
  const unowned = new Set<string>();

  for (const service of input.services) {
    if (current.has(service.entityRef)) continue;
    const previous = input.previous.get(service.entityRef);
    const state = nextState(service, previous, now);
    current.set(service.entityRef, state);
    if (!sameState(previous, state)) plan.states.push(state);
    if (service.status !== 'drifted') continue;
    const key = stateKey(service.entityRef, state.episode);
    if (handled.has(key)) continue;
    if (!input.baselineTaken) {
      plan.silenced.push({ key, entityRef: service.entityRef });
    } else if (service.ownerRef === '') {
      unowned.add(service.entityRef);
    } else {
      plan.reminders.push({
        key,
        kind: 'state',
        entityRef: service.entityRef,
        recipient: service.ownerRef,
        payload: driftedPayload(service, key, input.appBaseUrl),
      });
    }
  }

  const ahead = input.deadlines
    .map(d => ({ ...d, daysAhead: daysBetween(today, d.day) }))
    .filter(d => d.daysAhead >= 1 && d.daysAhead <= input.deadlineWarningDays);
  if (ahead.length > 0) {
    const drifted = new Map<string, CoveredService[]>();
    for (const service of input.services) {
      if (service.status !== 'drifted' || service.rules.length === 0) continue;
      if (service.ownerRef === '') continue;
      drifted.set(service.ownerRef, [...(drifted.get(service.ownerRef) ?? []), service]);
    }
    for (const deadline of ahead) {
      const deadlineRules = new Set(deadline.rules);
      for (const [ownerRef, services] of [...drifted.entries()].sort(([a], [b]) => a.localeCompare(b))) {
        const breaking = services.filter(s => s.rules.some(r => deadlineRules.has(r))).sort((a, b) => a.name.localeCompare(b.name));
        if (breaking.length === 0) continue;
        const key = deadlineKey(ownerRef, deadline.day);
        if (handled.has(key)) continue;
        const rules = deadline.rules
          .map(rule => ({ rule, services: breaking.filter(s => s.rules.includes(rule)).length }))
          .filter(r => r.services > 0);
        plan.reminders.push({
          key,
          kind: 'deadline',
          day: deadline.day,
          recipient: ownerRef,
          payload: deadlinePayload({ ownerRef, day: deadline.day, daysAhead: deadline.daysAhead, rules, services: breaking }, key, input.appBaseUrl),
        });
      }
    }
    for (const service of input.services) {
      if (service.ownerRef === '' && service.status === 'drifted' && service.rules.some(r => ahead.some(d => d.rules.includes(r)))) unowned.add(service.entityRef);
    }
  }

  plan.gone = [...input.previous.keys()].filter(ref => !current.has(ref)).sort();
  for (const h of input.handled) {
    if (h.entityRef !== undefined) {
      const state = current.get(h.entityRef);
      // only the current drifted episode's key can still matter
      if (!state || state.driftedSince === undefined || stateKey(h.entityRef, state.episode) !== h.key) plan.forget.push(h.key);
    } else if (h.day !== undefined && h.day <= today) {
      plan.forget.push(h.key);
    }
  }
  plan.unowned = [...unowned].sort();
  return plan;
}
