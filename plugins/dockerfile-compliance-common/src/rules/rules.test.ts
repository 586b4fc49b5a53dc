/**
 * What spans the rules: the catalog (complete, in order, documented, one test file per rule),
 * every rule pure, and whole-file checks. Each rule's own tests are in GDSnnn.test.ts beside it.
 */
import * as fs from 'fs';
import * as path from 'path';
import { ALL_RULES, RULES, ruleById } from './index';
import { GOOD, check, mutate, policy } from '../../test-fixtures/ruleKit';
import { buildModel, parseDockerfile } from '../index';
import { bytesOf, cases } from '../../test-fixtures/labelled/cases';

describe('the catalog', () => {
  it('is exactly GDS000-GDS018 in order, each with docs', () => {
    expect(RULES.map((r) => r.id)).toEqual(Array.from({ length: 19 }, (_, i) => `GDS${String(i).padStart(3, '0')}`));
    for (const r of ALL_RULES) {
      expect(r.title.length).toBeGreaterThan(10);
      expect(r.rationale.length).toBeGreaterThan(20);
      expect(r.fixHint.length).toBeGreaterThan(10);
      const page = path.join(__dirname, '..', '..', r.docsPath);
      const text = fs.readFileSync(page, 'utf8');
      expect(text).toContain(`# ${r.id}`);
      expect(text).toContain('## Bad');
      expect(ruleById(r.id)).toBe(r);
    }
  });
  it('the canonical Dockerfile has no findings at all', () => {
    expect(check(GOOD)).toEqual({ status: 'compliant', standardVersion: 'v1', findings: [] });
  });
});

describe('stage awareness and syntax details', () => {
  it('COPY --chown before --from is still a copy from the stage', () => {
    const text = mutate('COPY --from=build /out/svc /svc', 'COPY --chown=65534:65534 --from=build /out/svc /svc');
    expect(check(text).status).toBe('compliant');
  });
  it('backtick escape directive', () => {
    const text = '# escape=`\n' + GOOD.replace('RUN CGO_ENABLED=0 go build -trimpath', 'RUN CGO_ENABLED=0 `\n  go build -trimpath');
    expect(check(text).findings).toEqual([]);
  });
  it('COPY --from by stage index', () => {
    expect(check(GOOD.replace(/--from=build/g, '--from=0')).findings).toEqual([]);
  });
  it('FROM $TARGETOS-dependent stage names resolve with the default platform', () => {
    const text = GOOD.replace('FROM scratch', 'FROM scratch AS final-linux') + 'FROM final-$TARGETOS\n';
    expect(check(text).findings).toEqual([]);
  });
});

describe('every rule', () => {
  it('has its own test file beside it (GDSnnn.test.ts)', () => {
    const missing = ALL_RULES.map((r) => `${r.id}.test.ts`).filter((f) => !fs.existsSync(path.join(__dirname, f)));
    expect(missing).toEqual([]);
  });

  it('is pure: on the same model and policy it finds the same whichever rules ran before, and writes to no policy', () => {
    const frozen = policy();
    for (const value of Object.values(frozen)) if (typeof value === 'object' && value !== null) Object.freeze(value);
    Object.freeze(frozen);
    let models = 0;
    for (const c of cases.filter((x) => x.status !== 'error' && !x.generate)) {
      const model = buildModel(parseDockerfile(bytesOf(c).toString('utf8')));
      const forward = RULES.map((r) => JSON.stringify(r.check(model, frozen)));
      const backward = [...RULES].reverse().map((r) => JSON.stringify(r.check(model, frozen))).reverse();
      expect([c.file, backward]).toEqual([c.file, forward]);
      models++;
    }
    expect(models).toBeGreaterThan(200);
  });
});
