/**
 * The organisation page: every service the drift processor covers, with owner, system,
 * status, counts by severity, standard version and last check; filters by owner, status and
 * rule (kept in the URL, so a view can be shared and survives a reload); adoption of the
 * current standard (overall and per owner), what drifts most, sortable columns and an
 * export of the filtered list; with the dockerfile-compliance backend plugin, the trend and
 * each service's hardening pull request. Every panel follows the filters, and says which
 * services it covers.
 */
import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router-dom';
// Backstage UI has no progress bar yet; Backstage's own plugin template still uses this one.
import { Progress } from '@backstage/core-components';
import { Alert, Button, Flex, Grid, Text } from '@backstage/ui';
import { COMPLIANCE_STATUSES, ruleById } from '@hardened-go/plugin-dockerfile-compliance-common';
import { applyFilters, currentStandardVersion, filterOptions, ruleDrift, type ComplianceFilters, type ServiceRow } from '../data/aggregate';
import { sortServiceRows } from '../data/sorting';
import { viewStateFromSearch, viewStateToSearch, type ServiceSort, type ViewState } from '../data/viewState';
import { AdoptionSummary, OwnerAdoptionTable } from './Adoption';
import { ExportButtons } from './ExportButtons';
import { FilterSelect } from './FilterSelect';
import { ownerLabel } from './owners';
import { RuleDriftChart } from './RuleDriftChart';
import { ServicesTable } from './ServicesTable';
import { SeverityLegend } from './SeverityLegend';
import { STATUS_TEXT } from './StatusChip';
import { TitledCard } from './TitledCard';
import { useComplianceRows } from './useComplianceRows';
import { useComplianceHistory, type HistoryState } from './useComplianceHistory';
import { usePullRequests, type PullRequestsFailure } from './usePullRequests';
import { TrendChart } from './TrendChart';
import { driftedByOwner, trendOf } from '../data/historyTrend';

const FIRST_FILTER_ID = 'compliance-filter-owner';

/** What the hardening pull requests need, after why they are not shown. */
const PULL_REQUESTS_HINT: Record<PullRequestsFailure, string> = {
  absent: 'They need the dockerfile-compliance backend plugin (docs/rollout.md).',
  forbidden: "Reading them takes a signed-in user allowed to read the scaffolder's tasks.",
  failed: 'The rest of the page is unaffected.',
};

/** "status Drifted, rule GDS002" for the panels' subheaders; undefined when nothing filters. */
function filtersText(filters: ComplianceFilters): string | undefined {
  const parts: string[] = [];
  if (filters.owner !== undefined) parts.push(`owner ${ownerLabel(filters.owner)}`);
  if (filters.status !== undefined) parts.push(`status ${STATUS_TEXT[filters.status]}`);
  if (filters.rule !== undefined) parts.push(`rule ${filters.rule}`);
  return parts.length === 0 ? undefined : parts.join(', ');
}

function ruleOptionLabel(id: string): string {
  const rule = ruleById(id);
  // an option is plain text: the title's code marks (backticks) are dropped, not shown
  return rule ? `${id} · ${rule.title.replaceAll('`', '')}` : id;
}

/** The page's state in the URL's search parameters; other parameters are left alone. */
function useViewState(): [ViewState, (next: ViewState) => void] {
  const [params, setParams] = useSearchParams();
  const state = useMemo(() => viewStateFromSearch(params), [params]);
  // replace, not push: the Back button leaves the page rather than undoing each filter
  const setState = useCallback((next: ViewState) => setParams(current => viewStateToSearch(next, current), { replace: true }), [setParams]);
  return [state, setState];
}

function TrendPanel(props: { state: HistoryState; filters: ComplianceFilters }) {
  const { state, filters } = props;
  const trend = useMemo(() => ('history' in state ? trendOf(state.history, filters) : undefined), [state, filters]);
  let body;
  if (state.loading) body = <Text variant="body-medium">Loading the history…</Text>;
  else if ('error' in state) body = <Text as="p" variant="body-medium" data-testid="trend-unavailable">The history is not available: {state.error}. It needs the dockerfile-compliance backend plugin (docs/backend.md).</Text>;
  else body = <TrendChart trend={trend!} deadlines={state.history.deadlines} />;
  return (
    <TitledCard
      title="Trend"
      subheader={
        trend
          ? `Daily snapshots, last 90 days: ${trend.measure}${filters.owner !== undefined && filters.rule === undefined ? ` of ${ownerLabel(filters.owner)}` : ''}; the history counts rules for all owners`
          : 'Daily snapshots, last 90 days'
      }
    >
      {body}
    </TitledCard>
  );
}

export function ComplianceOverviewView(props: { rows: ServiceRow[] }) {
  const { rows } = props;
  const historyState = useComplianceHistory();
  const pullRequests = usePullRequests();
  // The column and the counts once the campaign has touched some service; nothing before.
  const hardening = 'byEntity' in pullRequests && pullRequests.byEntity.size > 0 ? pullRequests.byEntity : undefined;
  const ownerTrends = useMemo(() => ('history' in historyState ? driftedByOwner(historyState.history) : undefined), [historyState]);
  const [view, setView] = useViewState();
  const { filters, sort } = view;
  const options = useMemo(() => filterOptions(rows), [rows]);
  const version = useMemo(() => currentStandardVersion(rows), [rows]);
  const listed = useMemo(() => applyFilters(rows, filters), [rows, filters]);
  const sorted = useMemo(() => sortServiceRows(listed, sort, hardening), [listed, sort, hardening]);
  const drift = useMemo(() => ruleDrift(listed), [listed]);
  const scope = filtersText(filters);
  // what each panel covers, mid-sentence (owner names and rule IDs keep their case)
  const covers = scope ? `${listed.length} of ${rows.length} services (${scope})` : `all ${rows.length} services`;

  const set = (key: keyof ComplianceFilters) => (value: string) => {
    const next: Record<string, string> = { ...filters };
    if (value === '') delete next[key];
    else next[key] = value;
    setView({ ...view, filters: next as ComplianceFilters });
  };
  const clear = () => {
    setView({ ...view, filters: {} });
    // The button disables itself; focus moves to the first filter instead of falling to the page's top.
    document.getElementById(FIRST_FILTER_ID)?.focus();
  };
  const setSort = (next: ServiceSort) => setView({ ...view, sort: next });

  return (
    <Flex direction="column" gap="6">
      <Flex align="end" gap="4" style={{ flexWrap: 'wrap' }} role="search" aria-label="Filter services">
        <FilterSelect
          id={FIRST_FILTER_ID}
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
          options={options.rules.map(r => ({ value: r, label: ruleOptionLabel(r) }))}
          onChange={set('rule')}
          wide
        />
        {/* Always mounted: a button that vanished under the keyboard dropped focus to the page's top. */}
        <Button variant="secondary" isDisabled={scope === undefined} onPress={clear}>
          Clear filters
        </Button>
      </Flex>
      {/* Announced to screen readers on every change of the filters. */}
      <Text as="p" variant="body-medium" role="status" aria-live="polite" data-testid="result-count">
        {scope ? `Showing ${listed.length} of ${rows.length} services: ${scope}.` : `Showing all ${rows.length} services.`}
      </Text>
      <Grid.Root columns={{ initial: '1', md: '3' }} gap="6">
        <Grid.Item>
          <Flex direction="column" gap="6">
            <TitledCard title={`Adoption of standard ${version ?? ''}`.trim()} subheader={scope ? covers : `All ${rows.length} services`}>
              <AdoptionSummary rows={listed} version={version} hardening={hardening} />
            </TitledCard>
            <TitledCard title="Adoption per owner" subheader={`Compliant with standard ${version ?? '(none recorded)'}; ${covers}`}>
              <OwnerAdoptionTable rows={listed} version={version} trends={ownerTrends} />
            </TitledCard>
          </Flex>
        </Grid.Item>
        <Grid.Item colSpan={{ initial: '1', md: '2' }}>
          <TitledCard title="What drifts most" subheader={`Services with a finding of each rule; ${covers}`}>
            <Flex direction="column" gap="4">
              <SeverityLegend />
              <RuleDriftChart drift={drift} totalServices={listed.length} />
            </Flex>
          </TitledCard>
        </Grid.Item>
      </Grid.Root>
      <TrendPanel state={historyState} filters={filters} />
      <TitledCard title={`Services (${listed.length} of ${rows.length})`} subheader="Sort by any column heading; the export holds the filtered list.">
        <Flex direction="column" gap="3">
          <ExportButtons rows={sorted} hardening={hardening} />
          {'error' in pullRequests && (
            <Text as="p" variant="body-small" data-testid="pull-requests-unavailable" data-failure={pullRequests.failure}>
              The hardening pull requests&apos; states are not available: {pullRequests.error}. {PULL_REQUESTS_HINT[pullRequests.failure]}
            </Text>
          )}
          {listed.length === 0 ? (
            <Text as="p" variant="body-medium">
              No service matches these filters.
            </Text>
          ) : (
            <ServicesTable rows={sorted} sort={sort} onSortChange={setSort} hardening={hardening} />
          )}
        </Flex>
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
