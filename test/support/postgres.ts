/**
 * A real, throwaway PostgreSQL server for tests: Debian's binaries
 * (`/usr/lib/postgresql/<major>/bin`, installed by scripts/test-prerequisites.sh), a fresh
 * cluster in a temp directory, listening on a free loopback port, removed on stop.
 *
 * PostgreSQL refuses to run as root; when the tests run as root (CI does), the cluster is
 * owned by and run as the `postgres` system user (runuser), else as the current user.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, promises as fs, readdirSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Client } from 'pg';
import { freePort } from './freePort';


export interface PostgresServer {
  host: string;
  port: number;
  user: string;
  password: string;
  /** What Backstage's `backend.database.connection` takes. */
  connection: { host: string; port: number; user: string; password: string };
  /** A connected client to a database of this server (the caller ends it). */
  connect(database?: string): Promise<Client>;
  stop(): Promise<void>;
}

const SUPERUSER = 'postgres';
const PASSWORD = 'postgres';

/** The newest installed major's bin directory, or a clear error. */
export function findPostgresBinDir(): string {
  const root = '/usr/lib/postgresql';
  const majors = existsSync(root)
    ? readdirSync(root)
        .filter(v => existsSync(path.join(root, v, 'bin', 'initdb')) && existsSync(path.join(root, v, 'bin', 'pg_ctl')))
        .sort((a, b) => Number(b) - Number(a))
    : [];
  if (majors.length === 0) {
    throw new Error(
      'PostgreSQL server binaries not found under /usr/lib/postgresql/*/bin: run `bash scripts/test-prerequisites.sh` (apt-get install postgresql)',
    );
  }
  return path.join(root, majors[0], 'bin');
}


/** Runs a PostgreSQL binary as the cluster's owner; throws with its output on failure. */
function runAsOwner(runAs: string | undefined, binary: string, args: string[], cwd: string): string {
  const [command, fullArgs] = runAs ? ['runuser', ['-u', runAs, '--', binary, ...args]] : [binary, args];
  const result = spawnSync(command, fullArgs, { cwd, encoding: 'utf8' });
  if (result.status !== 0) {
    throw new Error(`${path.basename(binary)} ${args.join(' ')} failed (${result.status}):\n${result.stdout}\n${result.stderr}`);
  }
  return result.stdout;
}

export async function startPostgres(): Promise<PostgresServer> {
  const bin = findPostgresBinDir();
  const runAs = process.getuid?.() === 0 ? SUPERUSER : undefined;
  const baseDir = await fs.mkdtemp(path.join(os.tmpdir(), 'hardened-go-pg-'));
  const dataDir = path.join(baseDir, 'data');
  const socketDir = path.join(baseDir, 'socket');
  const passwordFile = path.join(baseDir, 'pwfile');
  await fs.mkdir(socketDir);
  await fs.writeFile(passwordFile, `${PASSWORD}\n`);
  if (runAs) {
    const uid = Number(execFileSync('id', ['-u', runAs], { encoding: 'utf8' }).trim());
    const gid = Number(execFileSync('id', ['-g', runAs], { encoding: 'utf8' }).trim());
    for (const p of [baseDir, socketDir, passwordFile]) await fs.chown(p, uid, gid);
  }

  runAsOwner(
    runAs,
    path.join(bin, 'initdb'),
    ['-D', dataDir, '-U', SUPERUSER, `--pwfile=${passwordFile}`, '--auth=scram-sha-256', '--locale=C', '--encoding=UTF8', '--no-sync'],
    baseDir,
  );

  const port = await freePort();
  const serverOptions = [
    `-p ${port}`,
    `-k ${socketDir}`,
    "-c listen_addresses='127.0.0.1'",
    '-c max_connections=400',
    // A test cluster: durability is not needed, speed is.
    '-c fsync=off',
    '-c synchronous_commit=off',
    '-c full_page_writes=off',
  ].join(' ');
  runAsOwner(
    runAs,
    path.join(bin, 'pg_ctl'),
    ['-D', dataDir, '-o', serverOptions, '-l', path.join(baseDir, 'server.log'), '-w', '-t', '60', 'start'],
    baseDir,
  );

  let stopped = false;
  const stopSync = (mode: 'fast' | 'immediate') => {
    if (stopped) return;
    stopped = true;
    try {
      runAsOwner(runAs, path.join(bin, 'pg_ctl'), ['-D', dataDir, '-m', mode, '-w', 'stop'], baseDir);
    } finally {
      rmSync(baseDir, { recursive: true, force: true });
    }
  };
  // If the test process dies without calling stop(), do not leave a server behind.
  const onExit = () => stopSync('immediate');
  process.once('exit', onExit);

  const connection = { host: '127.0.0.1', port, user: SUPERUSER, password: PASSWORD };
  return {
    ...connection,
    connection,
    async connect(database = 'postgres') {
      const client = new Client({ ...connection, database });
      await client.connect();
      return client;
    },
    async stop() {
      process.off('exit', onExit);
      stopSync('fast');
    },
  };
}
