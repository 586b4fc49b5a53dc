/**
 * The organisation page: every service the drift processor covers, with owner, system,
 * status, counts by severity and standard version; filters by owner, status and rule;
 * adoption of the current standard (overall and per owner) and what drifts most.
 */
import { useMemo, useState } from 'react';
import { EmptyState, InfoCard, Progress, ResponseErrorPanel } from '@backstage/core-components';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import {
  Box,
  Button,
  Grid,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  TextField,
  Typography,
} from '@material-ui/core';
import { COMPLIANCE_STATUSES, type ComplianceStatus } from '@hardened-go/plugin-dockerfile-compliance-common';
import {
  adoption,
  adoptionByOwner,
  applyFilters,
  currentStandardVersion,
  filterOptions,
  ruleDrift,
  statusCounts,
  type ComplianceFilters,
  type ServiceRow,
} from '../data/aggregate';
import { RuleDriftChart } from './RuleDriftChart';
import { STATUS_TEXT, StatusChip } from './StatusChip';
import { useComplianceRows } from './useComplianceRows';

const NO_OWNER = '(no owner)';

function OwnerLink(props: { owner: string }) {
  return props.owner === '' ? <>{NO_OWNER}</> : <EntityRefLink entityRef={props.owner} defaultKind="group" />;
}

function FilterSelect(props: {
  id: string;
  label: string;
  value: string;
  options: Array<{ value: string; label: string }>;
  onChange: (value: string) => void;
}) {
  return (
    <TextField
      id={props.id}
      select
      label={props.label}
      value={props.value}
      onChange={e => props.onChange(e.target.value)}
      SelectProps={{ native: true }}
      variant="outlined"
      size="small"
      style={{ minWidth: 200 }}
      InputLabelProps={{ shrink: true }}
    >
      <option value="">All</option>
      {props.options.map(o => (
        <option key={o.value} value={o.value}>
          {o.label}
        </option>
      ))}
    </TextField>
  );
}

function ownerLabel(owner: string): string {
  return owner === '' ? NO_OWNER : owner.replace(/^group:default\//, '');
}

function ServicesTable(props: { rows: ServiceRow[] }) {
  return (
    <Table size="small" aria-label="Services and their Dockerfile compliance" data-testid="services-table">
      <TableHead>
        <TableRow>
          <TableCell>Service</TableCell>
          <TableCell>Owner</TableCell>
          <TableCell>System</TableCell>
          <TableCell>Status</TableCell>
          <TableCell align="right">Errors</TableCell>
          <TableCell align="right">Warnings</TableCell>
          <TableCell align="right">Info</TableCell>
          <TableCell>Standard</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {props.rows.map(row => (
          <TableRow key={row.entityRef} data-testid="service-row" data-entity={row.entityRef} data-status={row.compliance.status}>
            <TableCell>
              <EntityRefLink entityRef={row.entity} title={row.title} />
            </TableCell>
            <TableCell>
              <OwnerLink owner={row.owner} />
            </TableCell>
            <TableCell>{row.system ? <EntityRefLink entityRef={row.system} defaultKind="system" /> : '—'}</TableCell>
            <TableCell>
              <StatusChip status={row.compliance.status} />
            </TableCell>
            <TableCell align="right" data-testid="count-error">{row.compliance.counts.error}</TableCell>
            <TableCell align="right" data-testid="count-warning">{row.compliance.counts.warning}</TableCell>
            <TableCell align="right" data-testid="count-info">{row.compliance.counts.info}</TableCell>
            <TableCell>{row.compliance.standardVersion ?? '—'}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}

function AdoptionSummary(props: { rows: ServiceRow[]; version: string | undefined }) {
  const overall = adoption(props.rows, props.version);
  const counts = statusCounts(props.rows);
  return (
    <div data-testid="adoption-overall" data-percent={overall.percent}>
      <Typography variant="h3" component="p">
        {overall.percent}%
      </Typography>
      <Typography variant="body1">
        {overall.compliant} of {overall.total} service{overall.total === 1 ? '' : 's'} compliant with standard {props.version ?? '(none recorded)'}
      </Typography>
      <Box mt={1} display="flex" flexWrap="wrap" style={{ gap: 8 }} data-testid="status-counts">
        {COMPLIANCE_STATUSES.map(s => (
          <Typography key={s} variant="body2" data-status={s} data-count={counts[s]}>
            {STATUS_TEXT[s]}: {counts[s]}
          </Typography>
        ))}
      </Box>
    </div>
  );
}

function OwnerAdoptionTable(props: { rows: ServiceRow[]; version: string | undefined }) {
  const perOwner = adoptionByOwner(props.rows, props.version);
  return (
    <Table size="small" aria-label="Adoption per owner" data-testid="owner-adoption">
      <TableHead>
        <TableRow>
          <TableCell>Owner</TableCell>
          <TableCell align="right">Compliant</TableCell>
          <TableCell align="right">Adoption</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {perOwner.map(o => (
          <TableRow key={o.owner} data-testid="owner-row" data-owner={o.owner} data-percent={o.percent}>
            <TableCell>
              <OwnerLink owner={o.owner} />
            </TableCell>
            <TableCell align="right">
              {o.compliant} / {o.total}
            </TableCell>
            <TableCell align="right">{o.percent}%</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}

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
    <Grid container spacing={3}>
      <Grid item xs={12}>
        <Box display="flex" flexWrap="wrap" alignItems="center" style={{ gap: 16 }} role="search" aria-label="Filter services">
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
            options={COMPLIANCE_STATUSES.map(s => ({ value: s, label: STATUS_TEXT[s as ComplianceStatus] }))}
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
            <Button variant="outlined" onClick={() => setFilters({})}>
              Clear filters
            </Button>
          )}
        </Box>
      </Grid>
      <Grid item xs={12} md={4}>
        <InfoCard title={`Adoption of standard ${version ?? ''}`.trim()} subheader={filters.owner ? `Owner ${ownerLabel(filters.owner)}` : 'All owners'}>
          <AdoptionSummary rows={scoped} version={version} />
        </InfoCard>
        <Box mt={3}>
          <InfoCard title="Adoption per owner" subheader={`Compliant with standard ${version ?? '(none recorded)'}`} noPadding>
            <OwnerAdoptionTable rows={scoped} version={version} />
          </InfoCard>
        </Box>
      </Grid>
      <Grid item xs={12} md={8}>
        <InfoCard title="What drifts most" subheader="Services with a finding of each rule">
          <RuleDriftChart drift={drift} totalServices={scoped.length} />
        </InfoCard>
      </Grid>
      <Grid item xs={12}>
        <InfoCard title={`Services (${listed.length} of ${rows.length})`} noPadding>
          {listed.length === 0 ? (
            <Box p={2}>
              <Typography variant="body1">No service matches these filters.</Typography>
            </Box>
          ) : (
            <ServicesTable rows={listed} />
          )}
        </InfoCard>
      </Grid>
    </Grid>
  );
}

export function ComplianceOverview() {
  const { state, retry } = useComplianceRows();
  if (state.loading) {
    return (
      <div aria-busy="true" aria-live="polite">
        <Typography variant="body2">Loading compliance of all services from the catalog…</Typography>
        <Progress />
      </div>
    );
  }
  if ('error' in state) {
    return (
      <>
        <ResponseErrorPanel error={state.error} title="Could not load the services' compliance from the catalog" />
        <Box mt={2}>
          <Button variant="outlined" onClick={retry}>
            Try again
          </Button>
        </Box>
      </>
    );
  }
  if (state.rows.length === 0) {
    return (
      <EmptyState
        missing="data"
        title="No service has been checked yet"
        description="No catalog entity carries the hardened-go.io/dockerfile-compliance label. Install the Dockerfile drift catalog module in the backend (docs/drift.md); it labels every Component of type service on its next processing loop."
      />
    );
  }
  return <ComplianceOverviewView rows={state.rows} />;
}
