import { expectLabelledFindings, expectSilent, labelledCasesOf } from '../../test-fixtures/ruleKit';

describe('GDS000 on the labelled set', () => {
  const { fires, silent } = labelledCasesOf('GDS000', (c) => c.status !== 'error');
  it.each(fires)('%s: exactly its labelled GDS000 findings', (_file, c) => expectLabelledFindings(c, 'GDS000'));
  it('stays silent in every case that is not labelled `error`', () => expectSilent(silent, 'GDS000'));
});
