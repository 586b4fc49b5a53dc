import { expectLabelledFindings, expectSilent, labelledCasesOf } from '../../test-fixtures/ruleKit';

describe('GDS-SUPPRESS on the labelled set', () => {
  const { fires, silent } = labelledCasesOf('GDS-SUPPRESS', (c) => c.file.includes('suppress'));
  it.each(fires)('%s: exactly its labelled GDS-SUPPRESS findings', (_file, c) => expectLabelledFindings(c, 'GDS-SUPPRESS'));
  it('stays silent in the compliant cases and the other cases with suppression comments', () => expectSilent(silent, 'GDS-SUPPRESS'));
});
