/** When the processor last checked a service: "12 minutes ago", with the exact time as a `<time>`. */
import { Text } from '@backstage/ui';

const UNITS: Array<[Intl.RelativeTimeFormatUnit, number]> = [
  ['year', 365 * 24 * 3600_000],
  ['month', 30 * 24 * 3600_000],
  ['week', 7 * 24 * 3600_000],
  ['day', 24 * 3600_000],
  ['hour', 3600_000],
  ['minute', 60_000],
];

/** "3 hours ago" (English; "just now" under a minute). */
export function relativeTime(iso: string, now: number = Date.now()): string {
  const elapsed = now - Date.parse(iso);
  if (!Number.isFinite(elapsed)) return 'unknown';
  const format = new Intl.RelativeTimeFormat('en', { numeric: 'auto' });
  for (const [unit, ms] of UNITS) {
    if (Math.abs(elapsed) >= ms) return format.format(-Math.trunc(elapsed / ms), unit);
  }
  return 'just now';
}

export function LastChecked(props: { at: string | undefined; prefix?: string }) {
  if (props.at === undefined) {
    return (
      <Text as="span" variant="body-small" data-testid="last-checked">
        {props.prefix ? `${props.prefix} never` : 'never'}
      </Text>
    );
  }
  return (
    <Text as="span" variant="body-small" data-testid="last-checked" data-at={props.at}>
      {props.prefix ? `${props.prefix} ` : ''}
      <time dateTime={props.at} title={new Date(props.at).toUTCString()}>
        {relativeTime(props.at)}
      </time>
    </Text>
  );
}
