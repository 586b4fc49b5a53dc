/**
 * The PostgreSQL harness itself: a real server starts on a free loopback port, answers SQL
 * with password authentication, and is gone after stop().
 */
import * as net from 'node:net';
import { startPostgres } from '../support/postgres';

function canConnect(port: number): Promise<boolean> {
  return new Promise(resolve => {
    const socket = net.connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

describe('test/support/postgres', () => {
  it('starts a real server on loopback and removes it on stop', async () => {
    const pg = await startPostgres();
    try {
      const client = await pg.connect();
      try {
        const { rows } = await client.query<{ version: string }>('select version() as version');
        expect(rows[0].version).toMatch(/^PostgreSQL \d+/);
      } finally {
        await client.end();
      }
      const { Client } = await import('pg');
      const intruder = new Client({ ...pg.connection, password: 'wrong', database: 'postgres' });
      await expect(intruder.connect()).rejects.toThrow(/password authentication failed/);
    } finally {
      await pg.stop();
    }
    expect(await canConnect(pg.port)).toBe(false);
  }, 60_000);
});
