/**
 * What a reminder says and where it links: the service's Dockerfile tab in the portal for a
 * service that became drifted, the organisation page (filtered to the owner's drifted services)
 * for a deadline. Pure: data in, the notification payload out.
 */
import type { NotificationSendOptions } from '@backstage/plugin-notifications-node';
import { trimTrailing } from '@hardened-go/plugin-dockerfile-compliance-common';

/** The notification's payload (the notifications plugin's type, through its node library). */
export type ReminderPayload = NotificationSendOptions['payload'];

/** The notifications' topic: a user can switch hardened-go's reminders off by it in the notification settings. */
export const REMINDER_TOPIC = 'hardened-go';
/** The compliance tab's path under the entity page (the frontend plugin's entity tab, `dockerfile`). */
export const ENTITY_TAB_PATH = 'dockerfile';
/** The frontend plugin's organisation page. */
export const ORGANISATION_PAGE_PATH = '/dockerfile-compliance';

const MAX_LISTED = 10;

/** What a reminder needs to know about a service. */
export interface ReminderService {
  entityRef: string;
  kind: string;
  namespace: string;
  name: string;
  ownerRef: string;
  /** Rule IDs with findings, sorted. */
  rules: string[];
  counts: { error: number; warning: number; info: number };
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function listed(items: readonly string[]): string {
  const shown = items.slice(0, MAX_LISTED).join(', ');
  return items.length > MAX_LISTED ? `${shown} and ${items.length - MAX_LISTED} more` : shown;
}

/** An absolute link under app.baseUrl, or the path alone (the notifications backend resolves it against the app). */
function portalLink(appBaseUrl: string | undefined, path: string): string {
  return appBaseUrl ? `${trimTrailing(appBaseUrl, '/')}${path}` : path;
}

/** The entity page's path in the app, as the catalog's entity route builds it. */
export function entityPagePath(service: Pick<ReminderService, 'kind' | 'namespace' | 'name'>): string {
  const segment = (s: string) => encodeURIComponent(s);
  return `/catalog/${segment(service.namespace.toLocaleLowerCase('en-US'))}/${segment(service.kind.toLocaleLowerCase('en-US'))}/${segment(service.name)}`;
}

/** A name to show for an owner: `team-a` for `group:default/team-a`, the ref for another namespace. */
export function ownerName(ownerRef: string): string {
  const match = /^group:default\/(.+)$/.exec(ownerRef);
  return match ? match[1]! : ownerRef;
}

/** The reminder for a service that became drifted. */
export function driftedPayload(service: ReminderService, scope: string, appBaseUrl: string | undefined): ReminderPayload {
  const { error, warning } = service.counts;
  const counts = [error > 0 ? plural(error, 'error') : '', warning > 0 ? plural(warning, 'warning') : ''].filter(Boolean).join(' and ');
  const rules = service.rules.length > 0 ? ` (${listed(service.rules)})` : '';
  const severity: ReminderPayload['severity'] = error > 0 ? 'high' : 'normal';
  return {
    title: `${service.name}: Dockerfile drifted from the hardened Go standard`,
    description:
      `${service.entityRef} does not meet the hardened Go standard: ${counts || 'findings'}${rules}. ` +
      `Its Dockerfile tab lists the findings; the template "Harden a Go service's Dockerfile" proposes the fix as a pull request.`,
    link: portalLink(appBaseUrl, `${entityPagePath(service)}/${ENTITY_TAB_PATH}`),
    severity,
    topic: REMINDER_TOPIC,
    scope,
  };
}

/** The reminder to an owner whose drifted services break rules enforced from `day`. */
export function deadlinePayload(
  options: { ownerRef: string; day: string; daysAhead: number; rules: ReadonlyArray<{ rule: string; services: number }>; services: readonly ReminderService[] },
  scope: string,
  appBaseUrl: string | undefined,
): ReminderPayload {
  const { ownerRef, day, daysAhead, rules, services } = options;
  const owner = ownerName(ownerRef);
  const ruleText = rules.length === 1 ? rules[0]!.rule : listed(rules.map(r => `${r.rule} (${plural(r.services, 'service')})`));
  const query = new URLSearchParams({ owner: ownerRef, status: 'drifted', ...(rules.length === 1 ? { rule: rules[0]!.rule } : {}) });
  return {
    title:
      rules.length === 1
        ? `${owner}: ${rules[0]!.rule} is enforced from ${day}; ${plural(services.length, 'service')} break${services.length === 1 ? 's' : ''} it`
        : `${owner}: ${rules.length <= 3 ? rules.map(r => r.rule).join(', ') : `${rules.length} rules`} are enforced from ${day}; ${plural(services.length, 'service')} break${services.length === 1 ? 's' : ''} them`,
    description:
      `From ${day} (in ${plural(daysAhead, 'day')}) ${ruleText} ${rules.length === 1 ? 'is enforced: its' : 'are enforced: their'} findings, warnings until then, become errors. ` +
      `${owner}'s drifted services with such findings: ${listed(services.map(s => s.name))}. ` +
      `The template "Harden a Go service's Dockerfile" proposes the fix as a pull request.`,
    link: portalLink(appBaseUrl, `${ORGANISATION_PAGE_PATH}?${query.toString()}`),
    severity: 'high',
    topic: REMINDER_TOPIC,
    scope,
  };
}
