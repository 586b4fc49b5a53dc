import { GOOD, expectLabelledFindings, expectSilent, findings, labelledCasesOf, mutate } from '../../test-fixtures/ruleKit';

describe('GDS009 non-root user', () => {
  it('fires without USER', () => {
    const f = findings(mutate('USER 65534:65534\n', ''), 'GDS009');
    expect(f[0]!.message).toContain('sets no USER');
    expect(f[0]!.line).toBe(9);
  });
  it.each(['USER root', 'USER 0', 'USER 0:0', 'USER root:root'])('%s fires', (u) => {
    expect(findings(mutate('USER 65534:65534', u), 'GDS009')).toHaveLength(1);
  });
  it('inherits USER through stage chains', () => {
    const text = mutate('ENTRYPOINT ["/svc"]', 'ENTRYPOINT ["/svc"]\nFROM 1 AS final');
    // FROM 1 is not a stage reference (FROM takes names), so use a named chain
    const named = GOOD.replace('FROM scratch', 'FROM scratch AS runtime') + 'FROM runtime\n';
    expect(findings(named, 'GDS009')).toEqual([]);
    const rootLater = GOOD.replace('FROM scratch', 'FROM scratch AS runtime') + 'FROM runtime\nUSER root\n';
    expect(findings(rootLater, 'GDS009')).toHaveLength(1);
    expect(text).toContain('FROM 1');
  });
  it('USER of a stage only copied from does not count', () => {
    const text = mutate('USER 65534:65534\n', '').replace('RUN apk add', 'USER 65534:65534\nRUN apk add');
    expect(findings(text, 'GDS009')).toHaveLength(1);
  });
  it('heredoc bodies saying USER root are not USER instructions', () => {
    const text = mutate('COPY --from=build /out/svc /svc', 'COPY <<EOF /etc/motd\nUSER root\nEOF\nCOPY --from=build /out/svc /svc');
    expect(findings(text, 'GDS009')).toEqual([]);
    const runHeredoc = mutate('RUN apk add --no-cache ca-certificates tzdata', 'RUN <<EOF\napk add --no-cache ca-certificates tzdata\nUSER root\nEOF');
    expect(findings(runHeredoc, 'GDS009')).toEqual([]);
  });
  it('expands USER from ARG/ENV', () => {
    expect(findings(mutate('USER 65534:65534', 'ARG UID=0\nUSER ${UID}'), 'GDS009')).toHaveLength(1);
    expect(findings(mutate('USER 65534:65534', 'ARG UID=65534\nUSER ${UID}:${UID}'), 'GDS009')).toEqual([]);
  });
});

describe('GDS009 on the labelled set', () => {
  const { fires, silent } = labelledCasesOf('GDS009');
  it.each(fires)('%s: exactly its labelled GDS009 findings', (_file, c) => expectLabelledFindings(c, 'GDS009'));
  it('stays silent in the compliant cases and the gds009-* cases labelled without it', () => expectSilent(silent, 'GDS009'));
});
