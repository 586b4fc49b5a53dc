/** checkDockerfileDetailed: checkDockerfile's verdict plus the parse and model it checked. */
import { checkDockerfile, checkDockerfileDetailed } from './check';
import { GOOD, NOW, policy } from '../../test-fixtures/ruleKit';

describe('checkDockerfileDetailed', () => {
  it('returns the result checkDockerfile returns', () => {
    for (const text of [GOOD, GOOD.replace('USER 65534:65534\n', ''), 'FROM', '# nothing\n']) {
      expect(checkDockerfileDetailed(text, policy(), { now: NOW }).result).toEqual(checkDockerfile(text, policy(), { now: NOW }));
    }
  });

  it('hands back the parse and the model of a file it checked', () => {
    const d = checkDockerfileDetailed(GOOD.replace('USER 65534:65534\n', ''), policy(), { now: NOW });
    expect(d.result.status).toBe('drifted');
    expect(d.parsed?.instructions[0]?.keyword).toBe('FROM');
    expect(d.model?.parsed).toBe(d.parsed);
    expect(d.model?.goBuilds).toHaveLength(1);
  });

  it('has no model when the file did not get that far', () => {
    const noFrom = checkDockerfileDetailed('# nothing\n', policy(), { now: NOW });
    expect(noFrom.result.status).toBe('error');
    expect(noFrom.parsed).toBeDefined();
    expect(noFrom.model).toBeUndefined();
    const tooBig = checkDockerfileDetailed(GOOD, policy({ maxFileBytes: 10 }), { now: NOW });
    expect(tooBig.result.status).toBe('error');
    expect(tooBig.parsed).toBeUndefined();
  });
});
