/**
 * The top of both the card and the tab: status, standard, the Harden action next to them,
 * the counts once, when the service was last checked, the hardening pull request's state
 * (from the dockerfile-compliance backend, when it has one), and why the status is what it is.
 */
import { Alert, ButtonLink, Flex, Text } from '@backstage/ui';
import type { Entity } from '@backstage/catalog-model';
import type { EntityCompliance } from '../data/entityCompliance';
import { hardenTemplatePath } from '../data/links';
import { HardeningPullRequestLine } from './HardeningPullRequest';
import { LastChecked } from './LastChecked';
import { StatusChip, countsText } from './StatusChip';

const STATUS_EXPLAINED = {
  compliant: 'Every Dockerfile of this service meets the hardened Go standard.',
  drifted: 'The Dockerfile drifts from the hardened Go standard: each finding says what and how to fix it.',
  unknown: 'The Dockerfile could not be checked, so compliance is unknown.',
  error: 'The Dockerfile was read but is not a checkable Dockerfile.',
} as const;

export function findingsText(compliance: EntityCompliance): string {
  const { counts, more } = compliance;
  const total = counts.error + counts.warning + counts.info;
  if (total === 0 && more === 0) return 'No open findings';
  return `${countsText(counts)}${more > 0 ? ` (${more} more not listed; run hardened-go check for all)` : ''}`;
}

/**
 * `fileReasonsBelow`: the tab lists each Dockerfile with its own reason, so the summary leaves
 * them out; the card has no file sections and says them here.
 */
export function ComplianceSummary(props: { entity: Entity; compliance: EntityCompliance; fileReasonsBelow?: boolean }) {
  const { entity, compliance } = props;
  const unchecked = compliance.status === 'unknown' || compliance.status === 'error';
  const fileReasons = compliance.files.filter(f => f.reason && (f.status === 'unknown' || f.status === 'error'));
  return (
    <Flex direction="column" gap="2">
      <Flex align="center" gap="3" style={{ flexWrap: 'wrap' }}>
        <StatusChip status={compliance.status} size="medium" />
        <Text variant="body-medium" data-testid="standard-version">
          {compliance.standardVersion ? `Standard ${compliance.standardVersion}` : 'Standard version not recorded'}
        </Text>
        {compliance.status !== 'compliant' && (
          // A link styled as a button: it opens the scaffolder page, in the app's router.
          <ButtonLink href={hardenTemplatePath(entity)} variant="primary" size="small" data-testid="harden-button">
            Harden via pull request
          </ButtonLink>
        )}
      </Flex>
      <Text as="p" variant="body-medium">
        {STATUS_EXPLAINED[compliance.status]}
      </Text>
      <Text as="p" variant="body-small" data-testid="finding-counts">
        {findingsText(compliance)} · <LastChecked at={compliance.lastChecked} prefix="checked" />
      </Text>
      <HardeningPullRequestLine entity={entity} status={compliance.status} />
      {compliance.status !== 'compliant' && (
        <Text as="p" variant="body-x-small">
          Harden opens the harden-dockerfile template with this service preselected; it proposes the fixed Dockerfile as a pull request.
        </Text>
      )}
      {compliance.problem && <Alert status="warning" icon title="The compliance data on this entity cannot be fully read" description={compliance.problem} />}
      {unchecked && fileReasons.length === 0 && compliance.reason && (
        <Text as="p" variant="body-medium" data-testid="entity-reason">
          <strong>Reason:</strong> {compliance.reason}
        </Text>
      )}
      {unchecked &&
        !props.fileReasonsBelow &&
        fileReasons.map(file => (
          <Text as="p" variant="body-medium" data-testid="file-reason" key={file.path}>
            <strong>Reason{compliance.files.length > 1 ? ` (${file.path})` : ''}:</strong> {file.reason}
          </Text>
        ))}
    </Flex>
  );
}
