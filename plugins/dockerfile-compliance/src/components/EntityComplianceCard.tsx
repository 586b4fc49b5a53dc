/**
 * The service's Dockerfile compliance on its entity page. Two shapes:
 * - the card, for the Overview: the summary (status, Harden, counts, last check) and the
 *   rules the service breaks, linking to the tab for every finding;
 * - the details, for the Dockerfile tab: the same summary, then every Dockerfile with its findings.
 */
import { Alert, Box, Flex, Link, Text } from '@backstage/ui';
import { useEntity } from '@backstage/plugin-catalog-react';
import type { Entity } from '@backstage/catalog-model';
import type { FileOutcome } from '@hardened-go/plugin-dockerfile-compliance-common';
import { readEntityCompliance, type EntityCompliance } from '../data/entityCompliance';
import { safeHttpUrl } from '../data/links';
import { SEVERITY_RANK } from '../data/severity';
import { ComplianceSummary } from './ComplianceSummary';
import { FindingsTable } from './FindingsTable';
import { RuleLabel } from './RuleLabel';
import { useRuleLink } from './ruleLinks';
import { StatusChip, countsText } from './StatusChip';
import { useComplianceTabHref } from './tabLink';
import { TitledCard } from './TitledCard';

/** Rules listed on the card before "and N more". */
const CARD_RULES = 3;

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
      {/* With one file the summary above already gave the counts; say them per file only with several. */}
      {!single && (
        <Text as="p" variant="body-small">
          {countsText(file.counts)}
          {file.more > 0 && ` (${file.more} more not listed; run hardened-go check for all)`}
        </Text>
      )}
      {file.reason && (file.status === 'unknown' || file.status === 'error') && (
        <Text as="p" variant="body-medium" data-testid="file-reason">
          <strong>Reason:</strong> {file.reason}
        </Text>
      )}
      <FindingsTable file={file} />
    </Box>
  );
}

/** Everything: the summary, then each Dockerfile with its findings (the tab). */
export function ComplianceDetails(props: { entity: Entity; compliance: EntityCompliance }) {
  const { entity, compliance } = props;
  return (
    <div data-testid="dockerfile-compliance">
      <ComplianceSummary entity={entity} compliance={compliance} fileReasonsBelow />
      {compliance.files.map(file => (
        <FileSection key={file.path} file={file} single={compliance.files.length === 1} />
      ))}
    </div>
  );
}

/** The rules a service breaks, worst first, for the card. */
function BrokenRules(props: { compliance: EntityCompliance; tabHref: string | undefined }) {
  const ruleLink = useRuleLink();
  const findings = props.compliance.files.flatMap(f => f.findings);
  if (findings.length === 0) return null;
  // worst severity first, then by ID
  const worst = new Map<string, number>();
  for (const f of findings) worst.set(f.rule, Math.min(worst.get(f.rule) ?? SEVERITY_RANK.info, SEVERITY_RANK[f.severity]));
  const rules = [...worst.keys()].sort((a, b) => worst.get(a)! - worst.get(b)! || a.localeCompare(b));
  const shown = rules.slice(0, CARD_RULES);
  return (
    <Box mt="3">
      <Text as="h3" variant="title-x-small">
        Rules it breaks
      </Text>
      <ul style={{ margin: 'var(--bui-space-1) 0 0', paddingLeft: 'var(--bui-space-5)' }} data-testid="broken-rules">
        {shown.map(rule => (
          <li key={rule}>
            <RuleLabel ruleId={rule} link={ruleLink(rule)} />
          </li>
        ))}
      </ul>
      {rules.length > shown.length && (
        <Text as="p" variant="body-small">
          and {rules.length - shown.length} more rule{rules.length - shown.length === 1 ? '' : 's'}
        </Text>
      )}
      {props.tabHref && (
        <Text as="p" variant="body-medium" style={{ marginTop: 'var(--bui-space-2)' }}>
          <Link href={props.tabHref} data-testid="all-findings-link">
            See all {findings.length} finding{findings.length === 1 ? '' : 's'} with lines and fixes
          </Link>
        </Text>
      )}
    </Box>
  );
}

/** The summary and the rules broken (the Overview card). */
export function ComplianceCardBody(props: { entity: Entity; compliance: EntityCompliance; tabPath?: string }) {
  const tabHref = useComplianceTabHref(props.tabPath);
  return (
    <div data-testid="dockerfile-compliance">
      <ComplianceSummary entity={props.entity} compliance={props.compliance} />
      <BrokenRules compliance={props.compliance} tabHref={tabHref} />
    </div>
  );
}

function NotCovered() {
  return (
    <Alert
      status="info"
      icon
      title="This entity is not checked against the hardened Go standard"
      description="It carries no hardened-go.io/dockerfile-compliance label: either it is not a Go service the drift processor covers (by default kind Component, spec.type service), it opted out with hardened-go.io/dockerfile-check: disabled, or the catalog has not processed it yet (wait a processing loop and reload)."
    />
  );
}

/** The tab's body: every finding. */
export function EntityComplianceBody() {
  const { entity } = useEntity();
  const compliance = readEntityCompliance(entity);
  if (compliance === undefined) return <NotCovered />;
  return <ComplianceDetails entity={entity} compliance={compliance} />;
}

/**
 * The Overview card: the summary, the rules broken and a link to the tab (`tabPath`, relative
 * to the entity page; the new frontend system passes its tab's path).
 */
export function EntityDockerfileComplianceCard(props: { title?: string; tabPath?: string }) {
  const { entity } = useEntity();
  const compliance = readEntityCompliance(entity);
  return (
    <TitledCard title={props.title ?? 'Dockerfile compliance'}>
      {compliance === undefined ? <NotCovered /> : <ComplianceCardBody entity={entity} compliance={compliance} tabPath={props.tabPath} />}
    </TitledCard>
  );
}
