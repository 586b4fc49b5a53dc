/**
 * The per-file limits flags of the commands that check or fix files (`--timeout`,
 * `--max-heap-mb`): the same limits the portal applies (`hardenedGo.limits`), taken from
 * --config, with the flags over it.
 */
import { ConfigReader } from '@backstage/config';
import { LimitsError, readDurationMs, withLimits, type CheckLimits } from '@hardened-go/plugin-dockerfile-compliance-node';
import { stringFlag, type FlagSpec, type ParsedArgs } from './args';
import { InputError } from '@backstage/errors';

export const LIMIT_FLAGS: FlagSpec = {
  timeout: { type: 'string' },
  'max-heap-mb': { type: 'string' },
};

export const LIMIT_FLAGS_HELP = `  --timeout DURATION         per file: stop checking after this long (2s, 500ms, 2000)
                             and report it as GDS000 too-complex (default: hardenedGo.limits.timeout, 2s)
  --max-heap-mb N            per file: heap a check may use (default: hardenedGo.limits.maxHeapMb, 256)`;

export function limitsFromFlags(values: ParsedArgs['values'], base: CheckLimits): CheckLimits {
  const timeout = stringFlag(values.timeout);
  const heap = stringFlag(values['max-heap-mb']);
  const overrides: Partial<CheckLimits> = {};
  if (timeout !== undefined) {
    try {
      overrides.timeoutMs = /^\d+$/.test(timeout) ? Number(timeout) : readDurationMs(new ConfigReader({ timeout }), 'timeout');
    } catch (e) {
      throw new InputError(`--timeout ${(e as Error).message}`);
    }
  }
  if (heap !== undefined) {
    if (!/^\d+$/.test(heap)) throw new InputError(`--max-heap-mb must be a whole number of megabytes, got ${JSON.stringify(heap)}`);
    overrides.maxHeapMb = Number(heap);
  }
  try {
    return withLimits(base, overrides);
  } catch (e) {
    if (e instanceof LimitsError) throw new InputError(e.message.replace('hardenedGo.limits.timeout', '--timeout').replace('hardenedGo.limits.maxHeapMb', '--max-heap-mb'));
    throw e;
  }
}
