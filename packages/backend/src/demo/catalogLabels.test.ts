import { describeLabelChanges } from './catalogLabels';

describe('describeLabelChanges', () => {
  it('reports each service whose label changed or appeared, and nothing else', () => {
    const before = new Map([
      ['a', 'drifted'],
      ['b', 'compliant'],
      ['c', undefined],
      ['d', 'drifted'],
    ]);
    const after = new Map([
      ['a', 'compliant'],
      ['b', 'compliant'],
      ['c', 'error'],
      ['d', undefined], // a failed reading is not a change
    ]);
    expect(describeLabelChanges(before, after)).toEqual(['a: drifted -> compliant', 'c: not checked -> error']);
  });
});
