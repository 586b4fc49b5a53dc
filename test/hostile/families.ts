/**
 * Families of hostile Dockerfiles: each builds a file of (at most) a given size that aims
 * at one way a checker can blow up on user text: quadratic scopes, backtracking patterns,
 * exponential expansion, deep nesting, long chains, huge diffs. Every family is built on a
 * drifted image (no USER, or a drifted base), so "compliant" is never the true verdict.
 *
 * Used by the hostile-input suite (test/hostile), the portal test and `npm run bench`.
 */

export interface HostileFamily {
  name: string;
  /** What it attacks, in a few words. */
  attack: string;
  /** A file of at most `bytes` bytes (UTF-8). */
  build(bytes: number): string;
}

/** `head`, then `unit(i)` for i = 0, 1, ... while the result stays within `bytes`, then `tail`. */
function repeatTo(bytes: number, head: string, unit: (i: number) => string, tail = ''): string {
  const parts = [head];
  let size = Buffer.byteLength(head) + Buffer.byteLength(tail);
  for (let i = 0; ; i++) {
    const u = unit(i);
    const n = Buffer.byteLength(u);
    if (size + n > bytes) break;
    parts.push(u);
    size += n;
  }
  parts.push(tail);
  return parts.join('');
}

/**
 * `FROM <base>` and `count` lines `ENV V<i>=x`. Linear to check, yet heavy: 80,000 lines
 * (~1 MiB, under the default maxFileBytes) need well over 32 MB of heap to model and most of a
 * second of CPU. The limits tests stop it by heap (32 MB) or by a clock of 100-150 ms, several
 * times shorter than the work, so the verdict does not depend on how busy the machine is.
 */
export function manyEnvLines(count: number, base = 'scratch'): string {
  return `FROM ${base}\n${Array.from({ length: count }, (_, i) => `ENV V${i}=x`).join('\n')}\n`;
}

/** A drifted Go service Dockerfile (runs as root, shell-form CMD): the base of several families. */
export const DRIFTED_SERVICE =
  'FROM golang:1.26.8-alpine3.23 AS build\n' +
  'WORKDIR /src\n' +
  'COPY go.mod ./\n' +
  'RUN go mod download\n' +
  'COPY . .\n' +
  'RUN go build -o /out/app .\n' +
  'FROM alpine:3.20\n' +
  'COPY --from=build /out/app /app\n' +
  'CMD /app\n';

/** The longest run of `*a` that keeps a pattern word within one 64 KiB line. */
const stars = (n: number) => Array.from({ length: n }, () => '*').join('a');

export const HOSTILE_FAMILIES: readonly HostileFamily[] = [
  {
    name: 'env-lines',
    attack: 'one ENV per line: per-instruction copies of the variable map',
    build: (b) => repeatTo(b, 'FROM scratch\n', (i) => `ENV V${i}=x\n`),
  },
  {
    name: 'arg-lines',
    attack: 'one ARG per line in a stage',
    build: (b) => repeatTo(b, 'FROM scratch\n', (i) => `ARG V${i}=x\n`),
  },
  {
    name: 'global-arg-lines',
    attack: 'ARGs before the first FROM, all visible to FROM lines',
    build: (b) => repeatTo(b, '', (i) => `ARG V${i}=x\n`, 'FROM scratch\nCOPY app /app\n'),
  },
  {
    name: 'env-pairs-one-line',
    attack: 'thousands of pairs in one ENV over continuation lines',
    build: (b) => repeatTo(b, 'FROM scratch\nENV ', (i) => `V${i}=$V${i > 0 ? i - 1 : 0} \\\n`, ' Z=1\n'),
  },
  {
    name: 'workdir-lines',
    attack: 'WORKDIR a repeated: ever longer working directories kept per instruction',
    build: (b) => repeatTo(b, 'FROM scratch\n', () => 'WORKDIR a\n'),
  },
  {
    name: 'workdir-and-copy',
    attack: 'relative COPY after each WORKDIR ..: every destination resolved',
    build: (b) => repeatTo(b, 'FROM scratch\nWORKDIR /a/b\n', (i) => `WORKDIR ../c${i % 7}\nCOPY f${i} ./d/\n`),
  },
  {
    name: 'pattern-prefix-stars',
    attack: "${a#*a*a*...y}: a backtracking regex's exponential case",
    build: (b) => repeatTo(b, `FROM scratch\nARG a=${'a'.repeat(40)}\n`, () => `ENV A=\${a#${stars(12)}y}\n`),
  },
  {
    name: 'pattern-long',
    attack: 'one pattern as long as a line, against a long value',
    build: (b) => repeatTo(b, `FROM scratch\nARG a=${'a'.repeat(4000)}\n`, () => `ENV A=\${a%%${stars(Math.min(20000, Math.floor(b / 64)))}y}\n`),
  },
  {
    name: 'pattern-replace-all',
    attack: '${a//*a?/x} on a long value: one match search per character',
    build: (b) => repeatTo(b, `FROM scratch\nARG a=${'ab'.repeat(2000)}\n`, (i) => `ENV A${i}=\${a//${stars(6)}?/x}\n`),
  },
  {
    name: 'value-fanout',
    attack: 'a long ARG copied into thousands of ENV values and suffix trims',
    build: (b) => repeatTo(b, `FROM scratch\nARG a=${'v'.repeat(30000)}\n`, (i) => `ENV B${i}=\${a%x}\${a}\n`),
  },
  {
    name: 'expansion-doubling',
    attack: 'ARG b=$a$a chains: exponential growth',
    build: (b) => repeatTo(b, 'FROM scratch\nARG v0=xy\n', (i) => `ARG v${i + 1}=$v${i}$v${i}\n`),
  },
  {
    name: 'nested-defaults',
    attack: '${a:-${a:-${a:-...}}} nested deeply',
    build: (b) => {
      const depth = Math.max(1, Math.floor((b - 40) / 12));
      return 'FROM scratch\nENV A=' + '${a:-'.repeat(Math.min(depth, 5000)) + 'x' + '}'.repeat(Math.min(depth, 5000)) + '\n';
    },
  },
  {
    name: 'stage-chain',
    attack: 'FROM <previous stage> chains: every ancestor query walks the chain',
    build: (b) => repeatTo(b, 'FROM alpine:3.20 AS s0\n', (i) => `FROM s${i} AS s${i + 1}\nENV X${i}=1\n`),
  },
  {
    name: 'go-env-chain',
    attack: 'FROM <previous stage> chains where every stage sets a new `go env -w` key: the go settings each build inherits',
    build: (b) =>
      repeatTo(b, 'FROM golang:1.26.8-alpine3.23 AS s0\n', (i) => `FROM s${i} AS s${i + 1}\nRUN go env -w K${i}=1\n`, 'RUN go build -o /app .\n'),
  },
  {
    name: 'copy-from-many',
    attack: 'COPY --from between many stages into the final one',
    build: (b) => repeatTo(b, 'FROM alpine:3.20 AS b0\n', (i) => `FROM alpine:3.20 AS b${i + 1}\nCOPY --from=b${i} /a /a${i}\n`, 'FROM scratch\nCOPY --from=b1 /a /a\n'),
  },
  {
    name: 'mounts-many',
    attack: 'RUN --mount from earlier stages, many per line and many lines',
    build: (b) =>
      repeatTo(b, 'FROM alpine:3.20 AS m0\nFROM alpine:3.20\n', (i) => `RUN --mount=type=bind,from=m0,"source=a,b",target=/x${i} --mount=type=cache,target=/c go build .\n`),
  },
  {
    name: 'heredoc-long',
    attack: 'one RUN heredoc as long as the file',
    build: (b) => repeatTo(b, 'FROM golang:1.26.8-alpine3.23\nRUN <<EOF\n', (i) => `export V${i}=1; go build -o /x${i % 3} .\n`, 'EOF\n'),
  },
  {
    name: 'heredoc-many',
    attack: 'many short heredocs',
    build: (b) => repeatTo(b, 'FROM alpine:3.20\n', (i) => `RUN <<E${i} sh\napk add curl\nE${i}\n`),
  },
  {
    name: 'long-continuation',
    attack: 'one instruction over a million bytes of continuation lines',
    build: (b) => repeatTo(b, 'FROM golang:1.26.8-alpine3.23\nRUN true ', (i) => `&& export A${i}=x \\\n`, '&& go build .\n'),
  },
  {
    name: 'shell-exports',
    attack: 'one RUN exporting thousands of variables between go commands',
    build: (b) => repeatTo(b, 'FROM golang:1.26.8-alpine3.23\nRUN true', (i) => ` \\\n && export E${i}=$E${Math.max(0, i - 1)} && go env GOPATH`, '\n'),
  },
  {
    name: 'nested-sh-c',
    attack: 'sh -c scripts inside sh -c scripts, many times',
    build: (b) => repeatTo(b, 'FROM golang:1.26.8-alpine3.23\n', (i) => `RUN export A${i}=1; sh -c "export B=2; sh -c 'go build -o /b${i} .'"\n`),
  },
  {
    name: 'go-builds-many',
    attack: 'thousands of go build lines in the shipped stage',
    build: (b) => repeatTo(b, 'FROM golang:1.26.8-alpine3.23\n', (i) => `RUN CGO_ENABLED=0 go build -ldflags="-X main.v=${i}" -o /bin/b${i} ./cmd/b${i}\n`),
  },
  {
    name: 'findings-many',
    attack: 'a finding on every line',
    build: (b) => repeatTo(b, 'FROM alpine:3.20\n', (i) => `ADD f${i} /f${i}\n`),
  },
  {
    name: 'comments-before-drifted',
    attack: "tens of thousands of comment lines: the fixer's diff",
    build: (b) => repeatTo(b, '', (i) => `# comment line ${i}\n`, DRIFTED_SERVICE),
  },
  {
    name: 'fixer-glob',
    attack: 'COPY --from=build /out/a*a*a*...b against a long output path',
    build: (b) =>
      repeatTo(
        b,
        `FROM golang:1.26.8-alpine3.23 AS build\nWORKDIR /src\nCOPY . .\nRUN go build -o /out/${'a'.repeat(40)} .\nFROM alpine:3.20\n`,
        () => `COPY --from=build /out/${stars(14)}b /x/\n`,
        'CMD /x/app\n',
      ),
  },
  {
    name: 'deep-json',
    attack: 'CMD [[[[...]]]]',
    build: (b) => {
      const n = Math.min(30000, Math.floor((b - 30) / 2));
      return 'FROM scratch\nCMD ' + '['.repeat(n) + ']'.repeat(n) + '\n';
    },
  },
  {
    name: 'labels-expose-many',
    attack: 'LABEL, EXPOSE and USER lines with expansions',
    build: (b) => repeatTo(b, 'FROM alpine:3.20\nARG P=80\n', (i) => `LABEL l${i}="\${P}" \nEXPOSE \${P}${i % 10}\nUSER \${U:-${i}}\n`),
  },
  {
    name: 'scratch-final-copies',
    attack: 'moving a final stage to scratch: thousands of copies into deep directories and mkdir operands',
    build: (b) =>
      repeatTo(
        b,
        'FROM golang:1.26.8-alpine3.23 AS build\nWORKDIR /src\nCOPY . .\nRUN CGO_ENABLED=0 go build -o /out/app .\nFROM alpine:3.20\n' +
          `RUN mkdir -p ${Array.from({ length: 2000 }, (_, i) => `/d${i}/a/b`).join(' ')}\n`,
        (i) => `COPY --from=build /out/app /d${i}/a/b/c/d/e/f/g/app\n`,
        'ENTRYPOINT ["/d0/a/b/c/d/e/f/g/app"]\n',
      ),
  },
  {
    name: 'secret-envs-referenced',
    attack: 'moving secrets out: an ENV with a literal secret per line, each referenced by a RUN',
    build: (b) => repeatTo(b, DRIFTED_SERVICE.replace('FROM alpine:3.20\n', ''), (i) => `ENV API_TOKEN_${i}=x${i}\nRUN echo $API_TOKEN_${i} \${API_TOKEN_${i + 1}}\n`),
  },
  {
    name: 'go-builds-one-run',
    attack: 'flags added to thousands of go builds in one RUN (continuation lines)',
    build: (b) => repeatTo(b, 'FROM golang:1.26.8-alpine3.23 AS build\nWORKDIR /src\nCOPY . .\nRUN true', (i) => ` \\\n && go build -o /out/a${i} ./cmd/a${i}`, '\nFROM scratch\nCOPY --from=build /out/a0 /app\nCMD ["/app"]\n'),
  },
];

/** Every family at `bytes`, e.g. for a quick sweep. */
export function hostileFiles(bytes: number): Array<{ family: HostileFamily; text: string }> {
  return HOSTILE_FAMILIES.map((family) => ({ family, text: family.build(bytes) }));
}
