/** The options every check of the fixer runs with, taken from its context: the clock and the build context's go.mod. */
import type { CheckOptions } from '@hardened-go/plugin-dockerfile-compliance-common';
import type { HardenContext } from './types';

export function checkOptionsOf(context: HardenContext): CheckOptions {
  return { ...(context.now ? { now: context.now } : {}), ...(context.goMod !== undefined ? { goMod: context.goMod } : {}) };
}
