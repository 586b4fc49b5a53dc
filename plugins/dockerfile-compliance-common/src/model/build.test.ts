import { parseDockerfile } from '../parser/parse';
import { buildModel, ModelError, resolvePath } from './build';
import type { DockerfileModel, Stage } from './types';

const model = (text: string): DockerfileModel => {
  const parsed = parseDockerfile(text);
  expect(parsed.errors).toEqual([]);
  return buildModel(parsed);
};
const valueAt = (m: DockerfileModel, stage: Stage, index: number, name: string) => m.envAt(stage.instructions[index]!)(name);

describe('ARG/ENV scoping (BuildKit semantics)', () => {
  const text = `ARG GO=1.26.8
ARG IMAGE=golang:\${GO}-alpine3.23
FROM \${IMAGE} AS base
RUN echo
ARG GO
RUN echo
ENV CGO_ENABLED=0 GO=override
RUN echo
FROM base AS child
RUN echo
FROM alpine:3.23.2 AS other
RUN echo
`;
  const m = model(text);
  const [base, child, other] = m.stages as [Stage, Stage, Stage];
  it('global ARGs are visible to FROM (and to later global ARG defaults)', () => {
    expect(base.baseName).toBe('golang:1.26.8-alpine3.23');
    expect(base.base).toMatchObject({ kind: 'image', repository: 'golang', tag: '1.26.8-alpine3.23', digest: null });
  });
  it('global ARGs are not visible inside a stage until redeclared', () => {
    expect(valueAt(m, base, 0, 'GO')).toBeUndefined();
    expect(valueAt(m, base, 2, 'GO')).toBe('1.26.8');
  });
  it('ENV wins over ARG', () => {
    expect(valueAt(m, base, 4, 'GO')).toBe('override');
  });
  it('ENV and ARG are inherited through FROM <stage>, not by unrelated stages', () => {
    expect(valueAt(m, child, 0, 'CGO_ENABLED')).toBe('0');
    expect(valueAt(m, other, 0, 'CGO_ENABLED')).toBeUndefined();
    expect(child.parent).toBe(base);
    expect(m.ancestorsOf(child)).toEqual([base]);
    expect(m.rootBase(child)).toMatchObject({ kind: 'image', repository: 'golang' });
  });
  it('stage references are case-insensitive, and by index for COPY --from', () => {
    expect(m.stageByRef('BASE')).toBe(base);
    expect(m.stageByRef('2')).toBe(other);
  });
});

describe('stage graph', () => {
  const m = model(`FROM golang:1.26.8-alpine3.23 AS build
RUN CGO_ENABLED=0 go build -o /app .
FROM golang:1.26.8-alpine3.23 AS lint
RUN go build ./...
FROM alpine:3.23.2 AS certs
FROM scratch AS runtime
COPY --from=build /app /app
COPY --from=certs /etc/ssl/certs /etc/ssl/certs
FROM runtime
USER 65534:65534
`);
  it('copied-from stages are shipped but not ancestors', () => {
    const final = m.finalStage;
    expect(m.ancestorsOf(final).map((s) => s.name)).toEqual(['runtime']);
    expect([...m.shippedStages].map((s) => s.name).sort()).toEqual(['build', 'certs', 'runtime', null].sort() as string[]);
  });
  it('only go builds that reach the final image count', () => {
    expect(m.goBuilds.map((b) => b.at.stage.name)).toEqual(['build']);
    expect(m.buildStages.map((s) => s.name)).toEqual(['build']);
  });
  it('effective USER and copies follow the chain', () => {
    expect(m.effectiveUser(m.finalStage)).toMatchObject({ user: '65534', group: '65534' });
    expect(m.copiesInto(m.finalStage).map((c) => c.dest)).toEqual(['/app', '/etc/ssl/certs']);
  });
});

describe('WORKDIR and paths', () => {
  it('resolves relative destinations against WORKDIR', () => {
    const m = model('FROM scratch\nWORKDIR /app\nWORKDIR sub\nCOPY a ./\nCOPY b ../x\n');
    expect(m.allCopies.map((c) => c.dest)).toEqual(['/app/sub/', '/app/x']);
  });
  it('resolvePath', () => {
    expect(resolvePath('/', 'etc/')).toBe('/etc/');
    expect(resolvePath('/a/b', '../../..')).toBe('/');
    expect(resolvePath('/a', '.')).toBe('/a/');
  });
});

describe('model errors', () => {
  it('instruction before FROM (if the parser lets it through) and expansion errors carry lines', () => {
    const parsed = parseDockerfile('FROM scratch\nENV A=${B:?missing}\n');
    expect(() => buildModel(parsed)).toThrow(ModelError);
    try {
      buildModel(parsed);
    } catch (e) {
      expect((e as ModelError).line).toBe(2);
      expect((e as ModelError).message).toContain('B: missing');
    }
  });
});

describe('shell analysis of RUN', () => {
  it('splits commands and tracks exports', () => {
    const m = model('FROM golang:1.26.8-alpine3.23\nENV X=1\nRUN export CGO_ENABLED=0; cd /src && GOOS=linux go build -ldflags "-s -w" -o /app . | tee log # go build comment\n');
    const cmds = m.commandsOf(m.finalStage.instructions[1]!);
    expect(cmds.map((c) => c.words[0])).toEqual(['cd', 'go', 'tee']);
    expect(cmds[1]!.assignments.get('GOOS')).toBe('linux');
    expect(cmds[1]!.exported.get('CGO_ENABLED')).toBe('0');
    expect(m.goBuilds[0]!.ldflags).toBe('-s -w');
    expect(m.goBuilds[0]!.env('CGO_ENABLED')).toBe('0');
  });
});

describe('resolvePath fast path agrees with the general path', () => {
  it.each(['/', '/a', '/a/', '/a/b/', '/a/.b', '/a/..b/c', '/a/./b', '/a/../b', '/a//b', '/a/.', '/a/..'])('%s', (p) => {
    // the same path made relative forces the general (split/join) code
    expect(resolvePath('/w', p)).toBe(resolvePath('/', 'x/../' + p.slice(1)));
  });
});
