import { GOOD, expectLabelledFindings, expectSilent, findings, labelledCasesOf, mutate } from '../../test-fixtures/ruleKit';

/** GOOD split into a runtime stage (files, USER) and a final stage built FROM it. */
const chain = (runtimeTail: string, finalTail: string) =>
  GOOD.replace(/\nFROM scratch\n[\s\S]*$/, `\nFROM scratch AS runtime
COPY --from=build /usr/share/zoneinfo /usr/share/zoneinfo
COPY --from=build /etc/ssl/certs/ca-certificates.crt /etc/ssl/certs/ca-certificates.crt
COPY --from=build /out/svc /svc
USER 65534:65534
${runtimeTail}
FROM runtime
${finalTail}
`);

describe('GDS014 follows BuildKit: an ENTRYPOINT clears the inherited CMD', () => {
  it('a shell-form CMD of the base stage is gone after the final stage sets ENTRYPOINT', () => {
    expect(findings(chain('CMD /svc', 'ENTRYPOINT ["/svc"]'), 'GDS014')).toEqual([]);
  });
  it('without an ENTRYPOINT in the final stage the inherited shell-form CMD stays', () => {
    const f = findings(chain('CMD /svc', 'EXPOSE 8080'), 'GDS014');
    expect(f.map((x) => [x.line, x.message.includes('inherited from stage "runtime"')])).toEqual([[14, true]]);
  });
  it('a CMD set in the same stage before the ENTRYPOINT survives it', () => {
    const f = findings(chain('', 'CMD serve --port 8080\nENTRYPOINT ["/svc"]'), 'GDS014');
    expect(f.map((x) => x.line)).toEqual([16]);
  });
  it('a CMD after the ENTRYPOINT is the CMD', () => {
    expect(findings(chain('CMD /svc', 'ENTRYPOINT ["/svc"]\nCMD ["--port", "8080"]'), 'GDS014')).toEqual([]);
    expect(findings(chain('', 'ENTRYPOINT ["/svc"]\nCMD serve'), 'GDS014').map((x) => x.line)).toEqual([17]);
  });
  it('an ENTRYPOINT of the base stage does not clear a CMD set later in the final stage', () => {
    expect(findings(chain('ENTRYPOINT ["/svc"]', 'CMD serve'), 'GDS014').map((x) => x.line)).toEqual([16]);
  });
});

describe('GDS014 exec form', () => {
  it('fires for shell form, with an exec-form hint', () => {
    const f = findings(mutate('ENTRYPOINT ["/svc"]', 'ENTRYPOINT /svc --port 8080'), 'GDS014');
    expect(f).toHaveLength(1);
    expect(f[0]!.fixHint).toContain('["/svc","--port","8080"]');
  });
  it('only the effective (last) CMD/ENTRYPOINT matters', () => {
    expect(findings(mutate('ENTRYPOINT ["/svc"]', 'CMD /svc\nCMD ["/svc"]'), 'GDS014')).toEqual([]);
  });
  it('inherits through stage chains and ignores other stages', () => {
    const chained = GOOD.replace('FROM scratch', 'FROM scratch AS runtime').replace('ENTRYPOINT ["/svc"]', 'ENTRYPOINT /svc') + 'FROM runtime\n';
    expect(findings(chained, 'GDS014')[0]!.message).toContain('inherited from stage "runtime"');
    const other = mutate('RUN apk add', 'CMD go run .\nRUN apk add');
    expect(findings(other, 'GDS014')).toEqual([]);
  });
  it('invalid JSON is shell form', () => {
    expect(findings(mutate('ENTRYPOINT ["/svc"]', "ENTRYPOINT ['/svc']"), 'GDS014')).toHaveLength(1);
  });
});

describe('GDS014 on the labelled set', () => {
  const { fires, silent } = labelledCasesOf('GDS014');
  it.each(fires)('%s: exactly its labelled GDS014 findings', (_file, c) => expectLabelledFindings(c, 'GDS014'));
  it('stays silent in the compliant cases and the gds014-* cases labelled without it', () => expectSilent(silent, 'GDS014'));
});
