/**
 * The organisation page: every service the drift processor covers, with owner, system,
 * status, counts by severity and standard version; filters by owner, status and rule;
 * adoption of the current standard (overall and per owner) and what drifts most.
 */
import { useMemo, useState } from 'react';
// Backstage UI has no progress bar yet; Backstage's own plugin template still uses this one.
import { Progress } from '@backstage/core-components';
import { Alert, Button, Flex, Grid, Text } from '@backstage/ui';
import { COMPLIANCE_STATUSES } from '@hardened-go/plugin-dockerfile-compliance-common';
import { applyFilters, currentStandardVersion, filterOptions, ruleDrift, type ComplianceFilters, type ServiceRow } from '../data/aggregate';
import { AdoptionSummary, OwnerAdoptionTable } from './Adoption';
import { FilterSelect } from './FilterSelect';
import { ownerLabel } from './owners';
import { RuleDriftChart } from './RuleDriftChart';
import { ServicesTable } from './ServicesTable';
import { STATUS_TEXT } from './StatusChip';
import { TitledCard } from './TitledCard';
import { useComplianceRows } from './useComplianceRows';

export function ComplianceOverviewView(props: { rows: ServiceRow[] }) {
  const { rows } = props;
  const [filters, setFilters] = useState<ComplianceFilters>({});
  const options = useMemo(() => filterOptions(rows), [rows]);
  const version = useMemo(() => currentStandardVersion(rows), [rows]);
  // The owner filter scopes everything (adoption, chart, list); status and rule narrow the list.
  const scoped = useMemo(() => applyFilters(rows, { owner: filters.owner }), [rows, filters.owner]);
  const listed = useMemo(() => applyFilters(rows, filters), [rows, filters]);
  const drift = useMemo(() => ruleDrift(scoped), [scoped]);
  const set = (key: keyof ComplianceFilters) => (value: string) =>
    setFilters(f => {
      const next = { ...f };
      if (value === '') delete next[key];
      else (next as Record<string, string>)[key] = value;
      return next;
    });
  const filtered = filters.owner !== undefined || filters.status !== undefined || filters.rule !== undefined;

  return (
    <Flex direction="column" gap="6">
      <Flex align="end" gap="4" style={{ flexWrap: 'wrap' }} role="search" aria-label="Filter services">
        <FilterSelect
          id="compliance-filter-owner"
          label="Owner"
          value={filters.owner ?? ''}
          options={options.owners.map(o => ({ value: o, label: ownerLabel(o) }))}
          onChange={set('owner')}
        />
        <FilterSelect
          id="compliance-filter-status"
          label="Status"
          value={filters.status ?? ''}
          options={COMPLIANCE_STATUSES.map(s => ({ value: s, label: STATUS_TEXT[s] }))}
          onChange={set('status')}
        />
        <FilterSelect
          id="compliance-filter-rule"
          label="Rule"
          value={filters.rule ?? ''}
          options={options.rules.map(r => ({ value: r, label: r }))}
          onChange={set('rule')}
        />
        {filtered && (
          <Button variant="secondary" onPress={() => setFilters({})}>
            Clear filters
          </Button>
        )}
      </Flex>
      <Grid.Root columns={{ initial: '1', md: '3' }} gap="6">
        <Grid.Item>
          <Flex direction="column" gap="6">
            <TitledCard title={`Adoption of standard ${version ?? ''}`.trim()} subheader={filters.owner ? `Owner ${ownerLabel(filters.owner)}` : 'All owners'}>
              <AdoptionSummary rows={scoped} version={version} />
            </TitledCard>
            <TitledCard title="Adoption per owner" subheader={`Compliant with standard ${version ?? '(none recorded)'}`}>
              <OwnerAdoptionTable rows={scoped} version={version} />
            </TitledCard>
          </Flex>
        </Grid.Item>
        <Grid.Item colSpan={{ initial: '1', md: '2' }}>
          <TitledCard title="What drifts most" subheader="Services with a finding of each rule">
            <RuleDriftChart drift={drift} totalServices={scoped.length} />
          </TitledCard>
        </Grid.Item>
      </Grid.Root>
      <TitledCard title={`Services (${listed.length} of ${rows.length})`}>
        {listed.length === 0 ? <Text as="p" variant="body-medium">No service matches these filters.</Text> : <ServicesTable rows={listed} />}
      </TitledCard>
    </Flex>
  );
}

export function ComplianceOverview() {
  const { state, retry } = useComplianceRows();
  if (state.loading) {
    return (
      <div aria-busy="true" aria-live="polite">
        <Text as="p" variant="body-small">
          Loading compliance of all services from the catalog…
        </Text>
        <Progress />
      </div>
    );
  }
  if ('error' in state) {
    return (
      <Alert
        role="alert"
        status="danger"
        icon
        title="Could not load the services' compliance from the catalog"
        description={state.error.message}
        customActions={
          <Button variant="secondary" onPress={retry}>
            Try again
          </Button>
        }
      />
    );
  }
  if (state.rows.length === 0) {
    return (
      <Alert
        status="info"
        icon
        title="No service has been checked yet"
        description="No catalog entity carries the hardened-go.io/dockerfile-compliance label. Install the Dockerfile drift catalog module in the backend (docs/drift.md); it labels every Component of type service on its next processing loop."
      />
    );
  }
  return <ComplianceOverviewView rows={state.rows} />;
}
