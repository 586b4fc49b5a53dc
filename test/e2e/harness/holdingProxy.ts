/**
 * A loopback HTTP proxy in front of the example repository server that knows WHICH process
 * sent each request (Linux: the client socket's inode in /proc/net/tcp, found among the
 * candidate processes' file descriptors) and can hold a request forever. The replica test
 * uses it to kill a replica at a moment when it is provably in the middle of processing an
 * entity: it has claimed the entity and is waiting for its Dockerfile.
 */
import { promises as fs } from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ProxiedRequest {
  path: string;
  /** Process id of the sender among the candidates, if found. */
  pid?: number;
}

export interface HoldingProxy {
  readonly port: number;
  /** Candidate sender processes (the replicas' pids). */
  candidates: number[];
  /** Decides per request: 'forward' (default) or 'hold' (never answered). */
  decide: (request: ProxiedRequest) => 'forward' | 'hold';
  close(): Promise<void>;
}

/** inode of the TCP socket whose local port is clientPort and remote port is serverPort. */
async function socketInode(clientPort: number, serverPort: number): Promise<string | undefined> {
  const hex = (port: number) => port.toString(16).toUpperCase().padStart(4, '0');
  for (const table of ['/proc/net/tcp', '/proc/net/tcp6']) {
    const text = await fs.readFile(table, 'utf8').catch(() => '');
    for (const line of text.split('\n').slice(1)) {
      const fields = line.trim().split(/\s+/);
      if (fields.length < 10) continue;
      const [, local, remote] = fields;
      if (local.endsWith(`:${hex(clientPort)}`) && remote.endsWith(`:${hex(serverPort)}`)) return fields[9];
    }
  }
  return undefined;
}

async function ownerOf(inode: string, candidates: number[]): Promise<number | undefined> {
  for (const pid of candidates) {
    const fds = await fs.readdir(`/proc/${pid}/fd`).catch(() => [] as string[]);
    for (const fd of fds) {
      const link = await fs.readlink(`/proc/${pid}/fd/${fd}`).catch(() => '');
      if (link === `socket:[${inode}]`) return pid;
    }
  }
  return undefined;
}

export async function startHoldingProxy(targetPort: number): Promise<HoldingProxy> {
  const held = new Set<http.ServerResponse>();
  const proxy: HoldingProxy = {
    port: 0,
    candidates: [],
    decide: () => 'forward',
    close: async () => undefined,
  };
  const server = http.createServer(async (req, res) => {
    const inode = await socketInode(req.socket.remotePort ?? 0, proxy.port);
    const pid = inode ? await ownerOf(inode, proxy.candidates) : undefined;
    if (proxy.decide({ path: req.url ?? '/', pid }) === 'hold') {
      held.add(res);
      return;
    }
    const upstream = http.request(
      { host: '127.0.0.1', port: targetPort, path: req.url, method: req.method, headers: req.headers },
      response => {
        res.writeHead(response.statusCode ?? 502, response.headers);
        response.pipe(res);
      },
    );
    upstream.on('error', () => {
      if (!res.headersSent) res.writeHead(502);
      res.end();
    });
    req.pipe(upstream);
  });
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  (proxy as { port: number }).port = (server.address() as AddressInfo).port;
  proxy.close = () =>
    new Promise<void>(resolve => {
      for (const res of held) res.destroy();
      server.close(() => resolve());
      server.closeAllConnections();
    });
  return proxy;
}
