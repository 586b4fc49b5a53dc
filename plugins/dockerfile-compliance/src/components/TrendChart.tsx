/**
 * The trend: the services the filters select, per day, from the backend's daily history, with
 * the policy's `enforceAfter` deadlines as marked lines. Drawn with Recharts (what Backstage
 * plugins commonly chart with); the sentence above it says the same in words.
 */
import { Text } from '@backstage/ui';
import { CartesianGrid, Line, LineChart, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { Deadline, Trend } from '../data/historyTrend';

/** A theme token's current value: SVG presentation attributes do not resolve `var()`. */
function token(name: string, fallback: string): string {
  if (typeof window === 'undefined') return fallback;
  return getComputedStyle(document.body).getPropertyValue(name).trim() || fallback;
}

export function trendSentence(trend: Trend): string {
  const { points } = trend;
  if (points.length === 0) return `No snapshot yet: the first is taken within an hour of the backend's start.`;
  const last = points[points.length - 1]!;
  if (points.length === 1) return `${last.services} ${trend.measure} on ${last.day}, the first day recorded.`;
  const first = points[0]!;
  const change = last.services - first.services;
  const direction = change === 0 ? 'no change' : change < 0 ? `${-change} fewer` : `${change} more`;
  return `${last.services} ${trend.measure} on ${last.day}: ${direction} since ${first.day}.`;
}

export function TrendChart(props: { trend: Trend; deadlines: Deadline[] }) {
  const { trend, deadlines } = props;
  // read on every render: the theme can change between renders, and four properties are cheap
  const colors = {
    line: token('--bui-fg-primary', '#1f1f1f'),
    grid: token('--bui-border-2', '#d9d9d9'),
    text: token('--bui-fg-primary', '#1f1f1f'),
    deadline: token('--bui-negative-border', '#c5221f'),
  };
  const firstDay = trend.points[0]?.day;
  const lastDay = trend.points[trend.points.length - 1]?.day;
  // deadlines within the drawn range, or ahead of it (drawn at the axis' end as "upcoming")
  const shown = deadlines.filter(d => firstDay !== undefined && d.day >= firstDay);
  const data = [...trend.points];
  for (const d of shown) if (lastDay !== undefined && d.day > lastDay && !data.some(p => p.day === d.day)) data.push({ day: d.day, services: Number.NaN });
  return (
    <figure style={{ margin: 0 }} data-testid="trend-chart" data-points={trend.points.length} data-deadlines={shown.length}>
      <Text as="p" variant="body-medium" data-testid="trend-sentence">
        {trendSentence(trend)}
      </Text>
      {shown.length > 0 && (
        <Text as="p" variant="body-small" data-testid="trend-deadlines">
          Deadlines (enforceAfter): {shown.map(d => `${d.day} ${d.rules.join(', ')}`).join('; ')}
        </Text>
      )}
      {trend.points.length > 0 && (
        <div style={{ width: '100%', height: 220 }} aria-hidden="true">
          <ResponsiveContainer width="100%" height="100%">
            <LineChart data={data} margin={{ top: 16, right: 16, bottom: 0, left: -16 }}>
              <CartesianGrid stroke={colors.grid} strokeDasharray="3 3" />
              <XAxis dataKey="day" stroke={colors.text} tick={{ fill: colors.text, fontSize: 12 }} />
              <YAxis allowDecimals={false} stroke={colors.text} tick={{ fill: colors.text, fontSize: 12 }} />
              <Tooltip />
              {shown.map(d => (
                <ReferenceLine key={d.day} x={d.day} stroke={colors.deadline} strokeDasharray="4 2" label={{ value: d.rules.join(', '), fill: colors.text, fontSize: 11, position: 'top' }} />
              ))}
              <Line type="monotone" dataKey="services" name={trend.measure} stroke={colors.line} strokeWidth={2} dot={{ r: 3 }} connectNulls={false} isAnimationActive={false} />
            </LineChart>
          </ResponsiveContainer>
        </div>
      )}
    </figure>
  );
}

/** A row's small trend: drifted services per day as a tiny line, with first → last in words. */
export function Sparkline(props: { values: number[] | undefined }) {
  const values = props.values ?? [];
  if (values.length === 0) return <Text variant="body-small">—</Text>;
  const data = values.map((v, i) => ({ i, v }));
  const stroke = token('--bui-fg-primary', '#1f1f1f');
  return (
    <span style={{ display: 'inline-flex', alignItems: 'center', gap: 'var(--bui-space-1)' }} data-testid="owner-trend" data-values={values.join(',')}>
      <span aria-hidden="true" style={{ width: 64, height: 20, display: 'inline-block' }}>
        <LineChart width={64} height={20} data={data} margin={{ top: 2, right: 2, bottom: 2, left: 2 }}>
          <Line type="monotone" dataKey="v" stroke={stroke} strokeWidth={1.5} dot={false} isAnimationActive={false} />
        </LineChart>
      </span>
      <Text variant="body-small">
        {values[0]} → {values[values.length - 1]} drifted
      </Text>
    </span>
  );
}
