/**
 * GET /pull-requests: the campaign's progress per service, from the scaffolder's tasks of the
 * harden template and the Git host's state of the pull requests they opened. Bounded: at most
 * `maxTasks` tasks are read and at most `maxStateReads` pull request states asked per call
 * (the rest say so); four requests at a time.
 */
import type { RootConfigService } from '@backstage/backend-plugin-api';
import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import { mapLimited, type HardeningProgress, type HardeningPullRequest, type HardeningTaskSummary } from '@hardened-go/plugin-dockerfile-compliance-common';
import { latestHardeningTasks, summarise, type ScaffolderTasksClient } from './hardeningTasks';

export interface RolloutConfig {
  /** The harden template whose tasks are the campaign: `template:default/harden-dockerfile`. */
  templateRef: string;
  maxTasks: number;
  maxStateReads: number;
}

export const DEFAULT_TEMPLATE_REF = 'template:default/harden-dockerfile';

export function readRolloutConfig(config: RootConfigService): RolloutConfig {
  const rollout = config.getOptionalConfig('hardenedGo.rollout');
  const templateValue = rollout?.getOptionalString('templateRef') ?? DEFAULT_TEMPLATE_REF;
  let templateRef: string;
  try {
    templateRef = stringifyEntityRef(parseEntityRef(templateValue, { defaultKind: 'template', defaultNamespace: 'default' }));
  } catch (e) {
    throw new InputError(`hardenedGo.rollout.templateRef is not an entity reference: ${(e as Error).message}`);
  }
  const whole = (key: string, fallback: number, max: number) => {
    const n = rollout?.getOptionalNumber(key) ?? fallback;
    if (!Number.isInteger(n) || n < 1 || n > max) throw new InputError(`hardenedGo.rollout.${key} must be a whole number from 1 to ${max}, got ${n}`);
    return n;
  };
  return { templateRef, maxTasks: whole('maxTasks', 5000, 100_000), maxStateReads: whole('maxStateReads', 500, 10_000) };
}

export async function hardeningProgress(options: {
  client: ScaffolderTasksClient;
  states: { state(url: string): Promise<HardeningPullRequest> };
  config: RolloutConfig;
  /** Only these services (normalised refs); all when absent. */
  entityRefs?: ReadonlySet<string>;
  now: Date;
}): Promise<HardeningProgress> {
  const { client, config } = options;
  const { latest, tasksLastHour, oldestTaskLastHour } = await latestHardeningTasks(client, { templateRef: config.templateRef, maxTasks: config.maxTasks, now: options.now });
  const chosen = [...latest.entries()].filter(([ref]) => !options.entityRefs || options.entityRefs.has(ref));
  let stateReads = 0;
  const items = await mapLimited(chosen, 4, async ([ref, { task, status }]): Promise<HardeningTaskSummary> => {
    const summary = await summarise(client, ref, task, status);
    if (summary.pullRequest) {
      summary.pullRequest =
        stateReads++ < config.maxStateReads
          ? await options.states.state(summary.pullRequest.url)
          : { url: summary.pullRequest.url, state: 'unknown', stateReason: `not read: more than hardenedGo.rollout.maxStateReads (${config.maxStateReads}) pull requests in one request` };
    }
    return summary;
  });
  items.sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  return { templateRef: config.templateRef, tasksLastHour, ...(oldestTaskLastHour === undefined ? {} : { oldestTaskLastHour }), items };
}
