/**
 * Variable scopes as persistent maps (Immutable.js's hash array mapped tries): setting a
 * variable makes a new version that shares all but O(log n) nodes with the old one, and the
 * old version stays valid. Every instruction keeps the scope it runs in, a stage inherits
 * its parent stage's, and a shell script's exports grow command by command, so copying
 * plain Maps made 16,000 `ENV` lines cost gigabytes (quadratic); this is linear.
 */
import { Map as PersistentMap } from 'immutable';
import type { Scope, Vars } from './types';

export type { Scope };

export interface ScopedVars extends Vars {
  env: Scope<string>;
  args: Scope<string | undefined>;
}

// Immutable's Map() is a factory, not a constructor
// eslint-disable-next-line new-cap
export const EMPTY_ENV: Scope<string> = PersistentMap<string, string>();
// eslint-disable-next-line new-cap
export const EMPTY_VARS: ScopedVars = { env: EMPTY_ENV, args: PersistentMap<string, string | undefined>() };

/** ENV wins over ARG; undefined = unset (an `ARG name` without a value is unset). */
export function lookupOf(vars: Vars): (name: string) => string | undefined {
  return (name) => {
    const e = vars.env.get(name);
    if (e !== undefined) return e;
    return vars.args.get(name);
  };
}
