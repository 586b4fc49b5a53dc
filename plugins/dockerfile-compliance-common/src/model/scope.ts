/**
 * Variable scopes as persistent maps: setting a variable makes a new version and the old
 * version stays valid. Every instruction keeps the scope it runs in, a stage inherits its
 * parent stage's, and a shell script's exports grow command by command, so copying plain
 * Maps made 16,000 `ENV` lines cost gigabytes (quadratic); this is linear.
 *
 * ENV and ARG scopes (VarScope) are what every instruction and every variable lookup of the
 * model reads. A real Dockerfile has a handful of them, so up to SMALL_SCOPE variables a
 * version is one flat array copied on each set (a bounded copy: still linear in the file)
 * and a lookup is a scan of it, which is several times cheaper than a hash trie for so few
 * entries. A bigger scope becomes an Immutable.js hash array mapped trie, where a set shares
 * all but O(log n) nodes with the old version.
 */
import { Map as PersistentMap } from 'immutable';
import type { Scope, VarMap, Vars } from './types';

export type { Scope };

/** Variables a flat scope holds before it becomes a hash trie. */
const SMALL_SCOPE = 16;

/** One version of an ENV or ARG scope. `undefined` is a value (an `ARG name` without one), not absence. */
export class VarScope<V> implements VarMap<V> {
  private constructor(
    /** name, value, name, value, ... (never changed once the version exists); null when big. */
    private readonly flat: readonly (string | V)[] | null,
    private readonly big: Scope<V> | null,
  ) {}

  static empty<V>(): VarScope<V> {
    return new VarScope<V>([], null);
  }

  /** The position of `name` in `flat`, or -1. */
  private indexOf(name: string): number {
    const flat = this.flat!;
    for (let i = 0; i < flat.length; i += 2) if (flat[i] === name) return i;
    return -1;
  }

  get(name: string): V | undefined {
    if (this.flat === null) return this.big!.get(name);
    const i = this.indexOf(name);
    return i < 0 ? undefined : (this.flat[i + 1] as V);
  }

  has(name: string): boolean {
    if (this.flat === null) return this.big!.has(name);
    return this.indexOf(name) >= 0;
  }

  /** A new version with `name` set to `value`; this one is unchanged. */
  set(name: string, value: V): VarScope<V> {
    const flat = this.flat;
    if (flat === null) return new VarScope<V>(null, this.big!.set(name, value));
    const i = this.indexOf(name);
    if (i >= 0) {
      const copy = flat.slice();
      copy[i + 1] = value;
      return new VarScope<V>(copy, null);
    }
    const n = flat.length;
    if (n < 2 * SMALL_SCOPE) {
      const copy = new Array<string | V>(n + 2);
      for (let k = 0; k < n; k++) copy[k] = flat[k]!;
      copy[n] = name;
      copy[n + 1] = value;
      return new VarScope<V>(copy, null);
    }
    // eslint-disable-next-line new-cap
    const big = PersistentMap<string, V>().withMutations((m) => {
      for (let k = 0; k < flat.length; k += 2) m.set(flat[k] as string, flat[k + 1] as V);
      m.set(name, value);
    });
    return new VarScope<V>(null, big);
  }
}

export interface ScopedVars extends Vars {
  env: VarScope<string>;
  args: VarScope<string | undefined>;
}

// Immutable's Map() is a factory, not a constructor
// eslint-disable-next-line new-cap
export const EMPTY_ENV: Scope<string> = PersistentMap<string, string>();
export const EMPTY_VARS: ScopedVars = { env: VarScope.empty<string>(), args: VarScope.empty<string | undefined>() };

/** ENV wins over ARG; undefined = unset (an `ARG name` without a value is unset). */
export function lookupOf(vars: Vars): (name: string) => string | undefined {
  return (name) => {
    const e = vars.env.get(name);
    if (e !== undefined) return e;
    return vars.args.get(name);
  };
}
