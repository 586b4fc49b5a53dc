/**
 * The hardening campaign in the view: a service's latest harden run (the pull request's state,
 * or the task's) as a chip and a link, on the entity card and in the services table.
 */
import { Badge, Cell, Flex, Link, Text } from '@backstage/ui';
import { stringifyEntityRef, type Entity } from '@backstage/catalog-model';
import type { ComplianceStatus } from '@hardened-go/plugin-dockerfile-compliance-common';
import { hardeningCountsText, hardeningCounts, hardeningOf, scaffolderTaskPath, type HardeningDisplay } from '../data/hardeningProgress';
import { HARDENING_TONE, toneSurface } from './tones';
import { usePullRequests } from './usePullRequests';

/** In a table cell a failure reason is cut shorter than on the card. */
const CELL_DETAIL = 90;

function shorter(detail: string, max: number): string {
  return detail.length > max ? `${detail.slice(0, max - 1)}…` : detail;
}

/**
 * The pull request link's accessible name: "Pull request for orders: open (opens in a new tab)".
 * The state is outside the parentheses: the link's visible text is the state ("open", the chip's
 * "Open"), and a name must contain what the link shows (WCAG 2.5.3; axe ignores parentheticals).
 */
export function pullRequestLinkName(serviceTitle: string, display: HardeningDisplay): string {
  return `Pull request for ${serviceTitle}: ${display.linkState} (opens in a new tab)`;
}

/** The state in words on a tinted chip (words always; the tint on top). */
export function HardeningChip(props: { display: HardeningDisplay }) {
  const { display } = props;
  return (
    <Badge size="small" style={toneSurface(HARDENING_TONE[display.state])} data-testid="pr-state" data-state={display.state}>
      {display.label}
    </Badge>
  );
}

/** The services table's cell: the chip (a link to the pull request when there is one) and a failure's reason. */
export function HardeningCell(props: { display: HardeningDisplay | undefined; serviceTitle: string }) {
  const { display } = props;
  if (!display) return <Cell data-testid="pr-cell">—</Cell>;
  return (
    <Cell data-testid="pr-cell">
      <Flex direction="column" gap="1" align="start">
        {display.url ? (
          <Link href={display.url} target="_blank" rel="noopener noreferrer" aria-label={pullRequestLinkName(props.serviceTitle, display)} data-testid="pr-link">
            <HardeningChip display={display} />
          </Link>
        ) : (
          <HardeningChip display={display} />
        )}
        {display.detail && (
          <Text as="span" variant="body-x-small" data-testid="pr-detail" title={display.detail}>
            {shorter(display.detail, CELL_DETAIL)}
          </Text>
        )}
      </Flex>
    </Cell>
  );
}

/** The organisation page's counts: "Hardening pull requests: 2 open, 1 merged, 0 closed, 1 failed". */
export function HardeningCounts(props: { entityRefs: readonly string[]; byEntity: ReadonlyMap<string, HardeningDisplay> }) {
  const counts = hardeningCounts(props.entityRefs, props.byEntity);
  const sentence = hardeningCountsText(counts);
  if (sentence === undefined) return null;
  const attributes = Object.fromEntries(Object.entries(counts).map(([state, n]) => [`data-${state}`, n]));
  return (
    <Text as="p" variant="body-small" data-testid="pr-counts" {...attributes}>
      Hardening pull requests: {sentence}
    </Text>
  );
}

/**
 * The card's line for a service that is not compliant: "Hardening pull request: open", the
 * state linked to the pull request; "task failed (why)" with a link to the task's log; "task
 * running". Nothing without a task, nor when the backend plugin is absent (404, or the app
 * has no fetch API) or the user may not read the scaffolder's tasks (401, 403); a quiet note
 * for any other failure.
 */
export function HardeningPullRequestLine(props: { entity: Entity; status: ComplianceStatus }) {
  const { entity } = props;
  const entityRef = stringifyEntityRef(entity);
  const state = usePullRequests({ entityRefs: [entityRef], enabled: props.status !== 'compliant' });
  if (props.status === 'compliant' || state.loading) return null;
  if ('error' in state) {
    if (state.failure !== 'failed') return null;
    return (
      <Text as="p" variant="body-x-small" data-testid="hardening-pr-unavailable">
        The hardening pull request&apos;s state could not be read: {state.error}.
      </Text>
    );
  }
  const display = hardeningOf(state.byEntity, entityRef);
  if (!display) return null;
  const title = entity.metadata.title ?? entity.metadata.name;
  return (
    <Flex direction="column" gap="1">
      <Text as="p" variant="body-medium" data-testid="hardening-pr" data-state={display.state}>
        <strong>Hardening pull request:</strong>{' '}
        {display.url ? (
          <Link href={display.url} target="_blank" rel="noopener noreferrer" aria-label={pullRequestLinkName(title, display)} data-testid="hardening-pr-link">
            {display.linkState}
          </Link>
        ) : (
          display.linkState
        )}
        {display.detail && ` (${display.detail})`}
        {display.state === 'failed' && (
          <>
            {' · '}
            <Link href={scaffolderTaskPath(display.taskId)} aria-label={`Task log for ${title} (task failed)`} data-testid="hardening-task-link">
              Task log
            </Link>
          </>
        )}
      </Text>
      {display.inFlight && (
        <Text as="p" variant="body-x-small" data-testid="hardening-in-flight">
          A hardening run for this service still stands (its task is under way or its pull request open): review it before starting another.
        </Text>
      )}
    </Flex>
  );
}
