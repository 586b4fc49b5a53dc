/**
 * The policy in force in a backend: `hardenedGo.standard` read once at startup (a bad key
 * stops the startup, as before) and again whenever the configuration changes (Backstage
 * watches its config files), so the processor and the policy endpoint follow an edited
 * app-config without a restart. A changed configuration that is not a valid policy is
 * logged and the last valid policy stays in force: a typo must not switch checks off.
 */
import type { Config } from '@backstage/config';
import { POLICY_CONFIG_KEY, policyFromConfig, readRuleDocsBaseUrl, type Policy } from '@hardened-go/plugin-dockerfile-compliance-common';
import { toPolicyDocument, type PolicyDocument } from './policyDocument';

/** @public */
export interface PolicySnapshot {
  policy: Policy;
  document: PolicyDocument;
}

/** @public */
export interface LivePolicy {
  /** The policy in force, and its document (the same object until the policy changes). */
  current(): PolicySnapshot;
  /** Stops following the configuration. */
  close(): void;
}

/**
 * Where livePolicy reports a changed or rejected policy (a Backstage LoggerService fits).
 *
 * @public
 */
export interface LivePolicyLogger {
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

function read(config: Config, logger: LivePolicyLogger): PolicySnapshot {
  const policy = policyFromConfig(config.getOptional(POLICY_CONFIG_KEY));
  const ruleDocsBaseUrl = readRuleDocsBaseUrl(config, { warn: message => logger.warn(message) });
  return { policy, document: toPolicyDocument(policy, ruleDocsBaseUrl !== undefined ? { ruleDocsBaseUrl } : {}) };
}

/**
 * Follows `hardenedGo.standard` (and `hardenedGo.ruleDocsBaseUrl`) in `config`.
 * Throws a PolicyError when the configuration at startup is not a valid policy.
 *
 * @public
 */
export function livePolicy(config: Config, logger: LivePolicyLogger): LivePolicy {
  let snapshot = read(config, logger);
  const subscription = config.subscribe?.(() => {
    try {
      const next = read(config, logger);
      if (next.document.policyVersion === snapshot.document.policyVersion && next.document.ruleDocsBaseUrl === snapshot.document.ruleDocsBaseUrl) return;
      logger.info(
        `hardened-go policy changed: ${snapshot.policy.standardVersion} ${snapshot.document.policyVersion} -> ${next.policy.standardVersion} ${next.document.policyVersion}`,
      );
      snapshot = next;
    } catch (e) {
      logger.error(
        `hardened-go: the changed configuration is not a valid policy, policy ${snapshot.document.policyVersion} stays in force: ${(e as Error).message}`,
      );
    }
  });
  return {
    current: () => snapshot,
    close: () => subscription?.unsubscribe(),
  };
}
