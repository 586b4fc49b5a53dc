/**
 * The service's Dockerfile compliance: status and standard version, every finding, the reason
 * for `unknown` / `error`, and a button that opens the harden template for this entity.
 */
import { EmptyState, InfoCard, Link, LinkButton, WarningPanel } from '@backstage/core-components';
import { useEntity } from '@backstage/plugin-catalog-react';
import { Box, Typography } from '@material-ui/core';
import type { Entity } from '@backstage/catalog-model';
import type { FileOutcome } from '@hardened-go/plugin-dockerfile-compliance-common';
import { readEntityCompliance, type EntityCompliance } from '../data/entityCompliance';
import { hardenTemplatePath, safeHttpUrl } from '../data/links';
import { FindingsTable } from './FindingsTable';
import { StatusChip, STATUS_TEXT, countsText } from './StatusChip';

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
    <Box mt={2} component="section" aria-label={`Dockerfile ${file.path}`}>
      <Typography variant="subtitle1" component="h3">
        {url ? (
          <Link to={url} target="_blank" rel="noopener noreferrer">
            {file.path}
          </Link>
        ) : (
          file.path
        )}{' '}
        {!single && <StatusChip status={file.status} />}
      </Typography>
      <Typography variant="body2" color="textSecondary">
        {countsText(file.counts)}
        {file.more > 0 && ` (${file.more} more not listed; run hardened-go check for all)`}
      </Typography>
      {file.reason && (file.status === 'unknown' || file.status === 'error') && (
        <Typography variant="body2" data-testid="file-reason">
          <strong>Reason:</strong> {file.reason}
        </Typography>
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
      <Box display="flex" alignItems="center" flexWrap="wrap" style={{ gap: 8 }}>
        <StatusChip status={compliance.status} size="medium" />
        <Typography variant="body1" data-testid="standard-version">
          {compliance.standardVersion ? `Standard ${compliance.standardVersion}` : 'Standard version not recorded'}
        </Typography>
        <Typography variant="body2" color="textSecondary">
          {countsText(compliance.counts)}
        </Typography>
      </Box>
      <Typography variant="body2" style={{ marginTop: 8 }}>
        {STATUS_EXPLAINED[compliance.status]}
      </Typography>
      {compliance.problem && (
        <WarningPanel severity="warning" title="The compliance data on this entity cannot be fully read" message={compliance.problem} />
      )}
      {(compliance.status === 'unknown' || compliance.status === 'error') && compliance.reason && !fileReasons && (
        <Typography variant="body2" data-testid="entity-reason">
          <strong>Reason:</strong> {compliance.reason}
        </Typography>
      )}
      {compliance.files.map(file => (
        <FileSection key={file.path} file={file} single={compliance.files.length === 1} />
      ))}
      {compliance.status !== 'compliant' && (
        <Box mt={2}>
          <LinkButton to={hardenTemplatePath(entity)} variant="contained" color="primary" data-testid="harden-button">
            Harden via pull request
          </LinkButton>
          <Typography variant="caption" display="block" color="textSecondary">
            Opens the harden-dockerfile template with this service preselected; it proposes the fixed Dockerfile as a pull request.
          </Typography>
        </Box>
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
      <EmptyState
        missing="info"
        title="This entity is not checked against the hardened Go standard"
        description="It carries no hardened-go.io/dockerfile-compliance label: either it is not a Go service the drift processor covers (by default kind Component, spec.type service), it opted out with hardened-go.io/dockerfile-check: disabled, or the catalog has not processed it yet (wait a processing loop and reload)."
      />
    );
  }
  return <ComplianceDetails entity={entity} compliance={compliance} />;
}

export function EntityDockerfileComplianceCard(props: { title?: string }) {
  return (
    <InfoCard title={props.title ?? 'Dockerfile compliance'}>
      <EntityComplianceBody />
    </InfoCard>
  );
}

export { STATUS_TEXT };
