/**
 * The service's Dockerfile compliance: status and standard version, every finding, the reason
 * for `unknown` / `error`, and a button that opens the harden template for this entity.
 */
import { Alert, Box, ButtonLink, Flex, Link, Text } from '@backstage/ui';
import { useEntity } from '@backstage/plugin-catalog-react';
import type { Entity } from '@backstage/catalog-model';
import type { FileOutcome } from '@hardened-go/plugin-dockerfile-compliance-common';
import { readEntityCompliance, type EntityCompliance } from '../data/entityCompliance';
import { hardenTemplatePath, safeHttpUrl } from '../data/links';
import { FindingsTable } from './FindingsTable';
import { StatusChip, countsText } from './StatusChip';
import { TitledCard } from './TitledCard';

const STATUS_EXPLAINED = {
  compliant: 'Every Dockerfile of this service meets the hardened Go standard.',
  drifted: 'The Dockerfile drifts from the hardened Go standard. Each finding below says what and how to fix it.',
  unknown: 'The Dockerfile could not be checked, so compliance is unknown.',
  error: 'The Dockerfile was read but is not a checkable Dockerfile.',
} as const;

function FileSection(props: { file: FileOutcome; single: boolean }) {
  const { file, single } = props;
  const url = safeHttpUrl(file.url);
  return (
    <Box as="section" mt="4" aria-label={`Dockerfile ${file.path}`}>
      <Flex align="center" gap="2">
        <Text as="h3" variant="title-x-small">
          {url ? (
            <Link href={url} target="_blank" rel="noopener noreferrer">
              {file.path}
            </Link>
          ) : (
            file.path
          )}
        </Text>
        {!single && <StatusChip status={file.status} />}
      </Flex>
      <Text as="p" variant="body-small" color="secondary">
        {countsText(file.counts)}
        {file.more > 0 && ` (${file.more} more not listed; run hardened-go check for all)`}
      </Text>
      {file.reason && (file.status === 'unknown' || file.status === 'error') && (
        <Text as="p" variant="body-medium" data-testid="file-reason">
          <strong>Reason:</strong> {file.reason}
        </Text>
      )}
      <FindingsTable file={file} />
    </Box>
  );
}

export function ComplianceDetails(props: { entity: Entity; compliance: EntityCompliance }) {
  const { entity, compliance } = props;
  const fileReasons = compliance.files.some(f => f.reason);
  return (
    <div data-testid="dockerfile-compliance">
      <Flex align="center" gap="2" style={{ flexWrap: 'wrap' }}>
        <StatusChip status={compliance.status} size="medium" />
        <Text variant="body-medium" data-testid="standard-version">
          {compliance.standardVersion ? `Standard ${compliance.standardVersion}` : 'Standard version not recorded'}
        </Text>
        <Text variant="body-small" color="secondary">
          {countsText(compliance.counts)}
        </Text>
      </Flex>
      <Text as="p" variant="body-medium" style={{ marginTop: 'var(--bui-space-2)' }}>
        {STATUS_EXPLAINED[compliance.status]}
      </Text>
      {compliance.problem && (
        <Alert mt="2" status="warning" icon title="The compliance data on this entity cannot be fully read" description={compliance.problem} />
      )}
      {(compliance.status === 'unknown' || compliance.status === 'error') && compliance.reason && !fileReasons && (
        <Text as="p" variant="body-medium" data-testid="entity-reason">
          <strong>Reason:</strong> {compliance.reason}
        </Text>
      )}
      {compliance.files.map(file => (
        <FileSection key={file.path} file={file} single={compliance.files.length === 1} />
      ))}
      {compliance.status !== 'compliant' && (
        <Flex direction="column" align="start" gap="1" mt="4">
          {/* A link styled as a button: it opens the scaffolder page, in the app's router. */}
          <ButtonLink href={hardenTemplatePath(entity)} variant="primary" data-testid="harden-button">
            Harden via pull request
          </ButtonLink>
          <Text as="p" variant="body-x-small" color="secondary">
            Opens the harden-dockerfile template with this service preselected; it proposes the fixed Dockerfile as a pull request.
          </Text>
        </Flex>
      )}
    </div>
  );
}

/** Body shared by the card and the tab. */
export function EntityComplianceBody() {
  const { entity } = useEntity();
  const compliance = readEntityCompliance(entity);
  if (compliance === undefined) {
    return (
      <Alert
        status="info"
        icon
        title="This entity is not checked against the hardened Go standard"
        description="It carries no hardened-go.io/dockerfile-compliance label: either it is not a Go service the drift processor covers (by default kind Component, spec.type service), it opted out with hardened-go.io/dockerfile-check: disabled, or the catalog has not processed it yet (wait a processing loop and reload)."
      />
    );
  }
  return <ComplianceDetails entity={entity} compliance={compliance} />;
}

export function EntityDockerfileComplianceCard(props: { title?: string }) {
  return (
    <TitledCard title={props.title ?? 'Dockerfile compliance'}>
      <EntityComplianceBody />
    </TitledCard>
  );
}
