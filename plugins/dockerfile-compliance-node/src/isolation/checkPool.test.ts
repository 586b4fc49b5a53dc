/**
 * The check pool with real worker threads (the compiled dist/isolation/worker.js, which
 * `npm test` builds first): the same verdicts as checking in-process, a file over the time
 * or heap limit is `too-complex` and the next file is checked by a fresh worker, the clock
 * starts when a worker takes the file, and the caller's event loop stays free.
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { checkDockerfile } from '@hardened-go/plugin-dockerfile-compliance-common';
import { DEFAULT_POLICY } from '@hardened-go/plugin-dockerfile-compliance-common';
import { createCheckPool, type CheckPool } from './checkPool';
import { DEFAULT_CHECK_LIMITS } from './limits';
import { manyEnvLines } from '../../../../test/hostile/families';

jest.setTimeout(60_000);

const COMPLIANT = [
  'FROM golang:1.26.8-alpine3.23 AS build',
  'RUN apk add --no-cache ca-certificates tzdata',
  'WORKDIR /src',
  'COPY go.mod go.sum ./',
  'RUN go mod download && go mod verify',
  'COPY . .',
  'RUN CGO_ENABLED=0 go build -trimpath -ldflags="-s -w" -o /out/app .',
  'FROM scratch',
  'COPY --from=build /etc/ssl/certs/ca-certificates.crt /etc/ssl/certs/',
  'COPY --from=build /usr/share/zoneinfo /usr/share/zoneinfo',
  'COPY --from=build /out/app /app',
  'USER 65534:65534',
  'ENTRYPOINT ["/app"]',
  '',
].join('\n');
const DRIFTED = COMPLIANT.replace('USER 65534:65534\n', '');

/** ~1 MiB of ENV lines: linear now, but it needs well over 32 MB of heap to model. */
const MANY_ENV = manyEnvLines(80_000);
/** Pattern matching that runs until its work budget stops it (a few hundred ms or more here): heavy for an event loop. */
const SLOW = `FROM scratch\nARG a=${'ab'.repeat(2000)}\n` + Array.from({ length: 3000 }, (_, i) => `ENV A${i}=\${a//*a*a*a*a*a*a?/x}`).join('\n') + '\n';

const pools: CheckPool[] = [];
function pool(limits: Partial<typeof DEFAULT_CHECK_LIMITS> = {}): CheckPool {
  const p = createCheckPool({ ...DEFAULT_CHECK_LIMITS, ...limits });
  pools.push(p);
  return p;
}
afterAll(async () => {
  await Promise.all(pools.map((p) => p.close()));
});

describe('createCheckPool', () => {
  it('gives the same results as checking in-process', async () => {
    const p = pool();
    for (const text of [COMPLIANT, DRIFTED, 'FROM scratch\nUSER 0\n', 'not a dockerfile']) {
      expect(await p.check(text, DEFAULT_POLICY)).toEqual(checkDockerfile(text, DEFAULT_POLICY));
    }
    const bytes = new TextEncoder().encode(DRIFTED);
    expect(await p.check(bytes, DEFAULT_POLICY)).toEqual(checkDockerfile(bytes, DEFAULT_POLICY));
  });

  it("returns plain data built in the caller's realm (the scaffolder's templating refuses foreign arrays)", async () => {
    const p = pool();
    const r = await p.check(DRIFTED, DEFAULT_POLICY);
    expect(Object.getPrototypeOf(r.findings)).toBe(Array.prototype);
    expect(Object.getPrototypeOf(r.findings[0])).toBe(Object.prototype);
    const { result } = await p.harden(DRIFTED, DEFAULT_POLICY);
    expect(Object.getPrototypeOf(result.fixed)).toBe(Array.prototype);
  });

  it('reports a file over the time limit as too-complex, then checks the next file normally', async () => {
    const p = pool({ timeoutMs: 150, threads: 1 });
    // linear work (80,000 ENV lines, well within its work budget) that takes several times 150 ms: only the clock stops it
    const r = await p.check(MANY_ENV, DEFAULT_POLICY);
    expect(r.status).toBe('error');
    expect(r.reasonCode).toBe('too-complex');
    expect(r.findings).toEqual([expect.objectContaining({ ruleId: 'GDS000', message: expect.stringMatching(/could not be checked within the limits: checking it took longer than 150 ms/) })]);
    expect(await p.check(DRIFTED, DEFAULT_POLICY)).toEqual(checkDockerfile(DRIFTED, DEFAULT_POLICY));
  });

  it('reports a file over the heap limit as too-complex, then checks the next file normally', async () => {
    const p = pool({ maxHeapMb: 32, threads: 1, timeoutMs: 30_000 });
    const r = await p.check(MANY_ENV, DEFAULT_POLICY);
    expect(r).toMatchObject({ status: 'error', reasonCode: 'too-complex' });
    expect(r.findings[0]!.message).toMatch(/needed more than 32 MB of memory/);
    expect(await p.check(COMPLIANT, DEFAULT_POLICY)).toMatchObject({ status: 'compliant' });
  });

  it('starts the clock when a worker takes the file, not while it waits in the queue', async () => {
    // 12 files of ~50-100 ms each on one thread take longer together than one file may alone
    const p = pool({ timeoutMs: 2000, threads: 1 });
    const medium = manyEnvLines(15_000);
    const started = Date.now();
    const results = await Promise.all(Array.from({ length: 12 }, () => p.check(medium, DEFAULT_POLICY)));
    const elapsed = Date.now() - started;
    for (const r of results) expect(r.status).toBe('drifted');
    // only meaningful when the queue outlasted one limit; on a fast machine it did not, and the check above is the point
    if (elapsed <= 2000) console.warn(`[checkPool] the queue took ${elapsed} ms, under one limit: the clock-start case was not exercised`);
  });

  it('keeps the caller event loop free while a heavy file is checked', async () => {
    const p = pool({ timeoutMs: 30_000 });
    const t0 = performance.now();
    expect(checkDockerfile(SLOW, DEFAULT_POLICY).status).toBe('error');
    const inProcessMs = performance.now() - t0;
    const delay = monitorEventLoopDelay({ resolution: 10 });
    delay.enable();
    const r = await p.check(SLOW, DEFAULT_POLICY);
    delay.disable();
    expect(r.status).toBe('error');
    // in-process the loop is blocked for the whole check; through the pool only for a moment
    expect(delay.max / 1e6).toBeLessThan(Math.max(50, inProcessMs / 2));
  });

  it('hardens in a worker with the diff, and refuses a file over the limits', async () => {
    // the heap limit, not the clock, stops the big file: the ordinary harden's verdict must not depend on machine load
    const p = pool({ maxHeapMb: 32, timeoutMs: 30_000 });
    const { result, diff } = await p.harden(DRIFTED, DEFAULT_POLICY, {}, { diffPath: 'svc/Dockerfile' });
    expect(result.refused).toBeUndefined();
    expect(result.fixed).toContain('GDS009');
    expect(diff).toMatch(/^--- a\/svc\/Dockerfile\n\+\+\+ b\/svc\/Dockerfile\n/);
    const big = await p.harden(MANY_ENV, DEFAULT_POLICY);
    expect(big.result).toMatchObject({ refusalCode: 'too-complex', text: MANY_ENV, fixed: [] });
    expect(big.result.refused).toMatch(/needed more than 32 MB of memory/);
    expect(big.diff).toBe('');
  });
});

describe('WorkerPool', () => {
  it('fails a task instead of restarting a worker that cannot start, and never hangs', async () => {
    const { WorkerPool } = await import('./workerPool');
    const broken = new WorkerPool({ filename: require('node:path').join(__dirname, 'no-such-worker.js'), size: 2, timeoutMs: 1000, maxHeapMb: 64 });
    try {
      const results = await Promise.allSettled([broken.run('a'), broken.run('b'), broken.run('c')]);
      expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected', 'rejected']);
    } finally {
      await broken.close();
    }
  });

  it('keeps draining the queue when running tasks are stopped at their limit', async () => {
    // MANY_ENV takes most of a second or more: far past 150 ms, while a fresh (warmed) worker checks DRIFTED in a few ms
    const p = pool({ timeoutMs: 150, threads: 2 });
    const order = [MANY_ENV, MANY_ENV, DRIFTED, DRIFTED, DRIFTED, MANY_ENV, COMPLIANT, DRIFTED];
    const results = await Promise.all(order.map((text) => p.check(text, DEFAULT_POLICY)));
    expect(results.map((r) => r.reasonCode ?? r.status)).toEqual(['too-complex', 'too-complex', 'drifted', 'drifted', 'drifted', 'too-complex', 'compliant', 'drifted']);
  });
});
