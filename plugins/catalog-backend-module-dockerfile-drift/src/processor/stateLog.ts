/**
 * "Logged once per entity and state change": the signature of what was last logged lives in
 * the processor cache (the database), so a steady failure is logged once, not every loop,
 * and replicas agree on what has been said.
 */
import type { LoggerService } from '@backstage/backend-plugin-api';
import type { ComplianceStatus, FileOutcome } from '../outcome';

/** What the log needs of a file's outcome (a FileOutcome or its cached rendering). */
export type LoggedOutcome = Pick<FileOutcome, 'path' | 'reasonCode' | 'reason'>;

export function reportSignature(status: ComplianceStatus, outcomes: readonly LoggedOutcome[]): string {
  const reasons = outcomes.filter(o => o.reasonCode !== undefined).map(o => `${o.path}=${o.reasonCode}`);
  return [status, ...reasons].join('|');
}

/** Logs the entity's new state if it differs from the one logged before; returns the signature to remember. */
export function logStateChange(
  logger: LoggerService,
  entityRef: string,
  status: ComplianceStatus,
  outcomes: readonly LoggedOutcome[],
  previous: string | undefined,
): string {
  const signature = reportSignature(status, outcomes);
  if (signature === previous) return signature;
  const reasons = outcomes
    .filter(o => o.reason !== undefined)
    .map(o => `${o.path}: ${o.reason}`)
    .join('; ');
  const message = `Dockerfile drift check of ${entityRef}: ${status}${reasons ? ` (${reasons})` : ''}`;
  if (status === 'unknown') logger.warn(message, { entity: entityRef });
  // A service seen compliant for the first time is the quiet normal case.
  else if (status === 'compliant' && previous === undefined) logger.debug(message, { entity: entityRef });
  else logger.info(message, { entity: entityRef });
  return signature;
}
