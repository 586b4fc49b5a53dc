/**
 * The compliance history in the plugin's own tables, through Backstage's database service
 * (SQLite or PostgreSQL, whatever the backend uses). A snapshot is written in one
 * transaction, its day the primary key: a second writer of the same day, on another replica,
 * conflicts and writes nothing.
 */
import { isDatabaseConflictError, type DatabaseService } from '@backstage/backend-plugin-api';
import type { ComplianceHistoryDay, ComplianceStatus } from '@hardened-go/plugin-dockerfile-compliance-common';
import type { Knex } from 'knex';
import { migratedClient } from '../database/migrations';

const SNAPSHOTS = 'compliance_snapshots';
const OWNERS = 'compliance_snapshot_owners';
const RULES = 'compliance_snapshot_rules';

/** Rows per insert statement: well under SQLite's limit of bound variables. */
const CHUNK = 200;

export class HistoryStore {
  static async create(database: Pick<DatabaseService, 'getClient' | 'migrations'>): Promise<HistoryStore> {
    return new HistoryStore(await migratedClient(database));
  }

  private constructor(private readonly knex: Knex) {}

  async hasDay(day: string): Promise<boolean> {
    return (await this.knex(SNAPSHOTS).where({ day }).first('day')) !== undefined;
  }

  /** 'exists' when the day already has its snapshot (written by this replica or another). */
  async write(snapshot: ComplianceHistoryDay): Promise<'written' | 'exists'> {
    try {
      await this.knex.transaction(async tx => {
        await tx(SNAPSHOTS).insert({ day: snapshot.day, taken_at: snapshot.takenAt, services: snapshot.services, standard_version: snapshot.standardVersion ?? null });
        const owners = snapshot.byOwner.map(o => ({ day: snapshot.day, owner: o.owner, status: o.status, services: o.services }));
        const rules = snapshot.byRule.map(r => ({ day: snapshot.day, rule: r.rule, services: r.services }));
        for (let i = 0; i < owners.length; i += CHUNK) await tx(OWNERS).insert(owners.slice(i, i + CHUNK));
        for (let i = 0; i < rules.length; i += CHUNK) await tx(RULES).insert(rules.slice(i, i + CHUNK));
      });
      return 'written';
    } catch (e) {
      if (isDatabaseConflictError(e)) return 'exists';
      throw e;
    }
  }

  /** Removes the snapshots of days before `day`; returns how many. */
  async pruneBefore(day: string): Promise<number> {
    return this.knex.transaction(async tx => {
      await tx(OWNERS).where('day', '<', day).delete();
      await tx(RULES).where('day', '<', day).delete();
      return Number(await tx(SNAPSHOTS).where('day', '<', day).delete());
    }) as Promise<number>;
  }

  /** Snapshots from `fromDay` on, oldest first. */
  async read(fromDay: string): Promise<ComplianceHistoryDay[]> {
    const [snapshots, owners, rules] = await Promise.all([
      this.knex(SNAPSHOTS).where('day', '>=', fromDay).orderBy('day', 'asc').select<Array<{ day: string; taken_at: string; services: number; standard_version: string | null }>>(),
      this.knex(OWNERS).where('day', '>=', fromDay).orderBy(['day', 'owner', 'status']).select<Array<{ day: string; owner: string; status: string; services: number }>>(),
      this.knex(RULES).where('day', '>=', fromDay).orderBy(['day', 'rule']).select<Array<{ day: string; rule: string; services: number }>>(),
    ]);
    const days = new Map<string, ComplianceHistoryDay>();
    for (const s of snapshots) {
      days.set(s.day, {
        day: s.day,
        takenAt: s.taken_at,
        services: Number(s.services),
        ...(s.standard_version ? { standardVersion: s.standard_version } : {}),
        byOwner: [],
        byRule: [],
      });
    }
    for (const o of owners) days.get(o.day)?.byOwner.push({ owner: o.owner, status: o.status as ComplianceStatus, services: Number(o.services) });
    for (const r of rules) days.get(r.day)?.byRule.push({ rule: r.rule, services: Number(r.services) });
    return [...days.values()];
  }
}
