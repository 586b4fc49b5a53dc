/**
 * The reminders' memory in the plugin's own tables (SQLite or PostgreSQL, whatever the backend
 * uses): each covered service's last known state, the dedup keys handled, and the baseline.
 *
 * A reminder's key is inserted (claimed) before it is sent; the key is the table's primary
 * key, so a second claim of it, by this replica or another at the same moment, conflicts and
 * the second sender sends nothing. A failed send releases its claim for the next run. The
 * baseline is one row with a fixed primary key, written in the same transaction as the
 * baseline's states and keys: two replicas can never both take one.
 */
import { isDatabaseConflictError, type DatabaseService } from '@backstage/backend-plugin-api';
import { isComplianceStatus } from '@hardened-go/plugin-dockerfile-compliance-common';
import type { Knex } from 'knex';
import { migratedClient } from '../database/migrations';
import type { HandledKey, ReminderState } from './reminders';

const STATES = 'compliance_reminder_states';
const SENT = 'compliance_reminders_sent';
const META = 'compliance_reminder_meta';
const BASELINE = 'baseline_at';

/** Rows per statement: well under SQLite's limit of bound variables. */
const CHUNK = 100;

interface StateRow {
  entity_ref: string;
  status: string;
  episode: number | string;
  drifted_since: string | null;
  updated_at: string;
}

interface SentRow {
  key: string;
  entity_ref: string | null;
  day: string | null;
  outcome: string;
  at: string;
}

export interface StoredReminders {
  /** When the baseline was taken; undefined before the first run. */
  baselineAt?: string;
  states: Map<string, ReminderState>;
  handled: HandledKey[];
}

function chunks<T>(items: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += CHUNK) out.push(items.slice(i, i + CHUNK));
  return out;
}

function stateRow(state: ReminderState, at: string): StateRow {
  return { entity_ref: state.entityRef, status: state.status, episode: state.episode, drifted_since: state.driftedSince ?? null, updated_at: at };
}

function sentRow(key: HandledKey, outcome: 'sent' | 'baseline', at: string): SentRow {
  return { key: key.key, entity_ref: key.entityRef ?? null, day: key.day ?? null, outcome, at };
}

export class ReminderStore {
  static async create(database: Pick<DatabaseService, 'getClient' | 'migrations'>): Promise<ReminderStore> {
    return new ReminderStore(await migratedClient(database));
  }

  private constructor(private readonly knex: Knex) {}

  async load(): Promise<StoredReminders> {
    const [baseline, states, sent] = await Promise.all([
      this.knex(META).where({ name: BASELINE }).first<{ value: string } | undefined>('value'),
      this.knex(STATES).select<StateRow[]>(),
      this.knex(SENT).select<SentRow[]>('key', 'entity_ref', 'day'),
    ]);
    return {
      ...(baseline ? { baselineAt: baseline.value } : {}),
      states: new Map(
        states.map(row => [
          row.entity_ref,
          {
            entityRef: row.entity_ref,
            status: isComplianceStatus(row.status) ? row.status : 'unknown',
            episode: Number(row.episode),
            ...(row.drifted_since ? { driftedSince: row.drifted_since } : {}),
          },
        ]),
      ),
      handled: sent.map(row => ({ key: row.key, ...(row.entity_ref ? { entityRef: row.entity_ref } : {}), ...(row.day ? { day: row.day } : {}) })),
    };
  }

  /**
   * The first run's record: every state, the drifted services' keys as handled (never sent).
   * 'exists' when a baseline is already there (another replica took it): nothing is written.
   */
  async recordBaseline(at: string, states: readonly ReminderState[], silenced: readonly HandledKey[]): Promise<'recorded' | 'exists'> {
    try {
      await this.knex.transaction(async tx => {
        await tx(META).insert({ name: BASELINE, value: at });
        for (const chunk of chunks(states)) await tx(STATES).insert(chunk.map(s => stateRow(s, at)));
        for (const chunk of chunks(silenced)) await tx(SENT).insert(chunk.map(k => sentRow(k, 'baseline', at)));
      });
      return 'recorded';
    } catch (e) {
      if (isDatabaseConflictError(e)) return 'exists';
      throw e;
    }
  }

  /** Writes new and changed states. */
  async saveStates(states: readonly ReminderState[], at: string): Promise<void> {
    for (const chunk of chunks(states)) {
      await this.knex(STATES)
        .insert(chunk.map(s => stateRow(s, at)))
        .onConflict('entity_ref')
        .merge();
    }
  }

  /** Forgets the states of services gone from the catalog and keys that can never come up again. */
  async forget(entityRefs: readonly string[], keys: readonly string[]): Promise<void> {
    for (const chunk of chunks(entityRefs)) await this.knex(STATES).whereIn('entity_ref', chunk).delete();
    for (const chunk of chunks(keys)) await this.knex(SENT).whereIn('key', chunk).delete();
  }

  /** Claims a reminder before it is sent: false when its key is already claimed (sent, or being sent elsewhere). */
  async claim(key: HandledKey, at: string): Promise<boolean> {
    try {
      await this.knex(SENT).insert(sentRow(key, 'sent', at));
      return true;
    } catch (e) {
      if (isDatabaseConflictError(e)) return false;
      throw e;
    }
  }

  /** Gives a claim back after a failed send, so the next run tries again. */
  async release(key: string): Promise<void> {
    await this.knex(SENT).where({ key }).delete();
  }
}
