/** The public policy reader: policy/policy.ts's readPolicy bound to the rules of this standard. */
import { readPolicy, POLICY_CONFIG_KEY } from './policy/policy';
import type { Policy } from './policy/types';
import { ALL_RULES } from './rules';


/**
 * Turns the plain object at app-config `hardenedGo.standard` into a Policy.
 * `undefined` (and `null`, an empty YAML block) give a copy of DEFAULT_POLICY; every other value is
 * validated key by key and a PolicyError names the first bad key by its full path.
 * Omitted keys keep their defaults; `supportedGoVersions` defaults to `[goVersion]`.
 *
 * @public
 */
export function policyFromConfig(input: unknown, keyPath: string = POLICY_CONFIG_KEY): Policy {
  return readPolicy(input, ALL_RULES, keyPath);
}
