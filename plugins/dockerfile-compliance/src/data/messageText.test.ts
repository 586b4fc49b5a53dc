import { messageSegments } from './messageText';

describe('messageSegments', () => {
  it('turns backtick spans into code segments', () => {
    expect(messageSegments('the final stage runs as `root`; add `USER 65532:65532`')).toEqual([
      { text: 'the final stage runs as ', code: false },
      { text: 'root', code: true },
      { text: '; add ', code: false },
      { text: 'USER 65532:65532', code: true },
    ]);
  });

  it('keeps an unpaired backtick as text and drops empty spans', () => {
    expect(messageSegments('a `b` c `d')).toEqual([
      { text: 'a ', code: false },
      { text: 'b', code: true },
      { text: ' c `d', code: false },
    ]);
    expect(messageSegments('``x')).toEqual([{ text: 'x', code: false }]);
    expect(messageSegments('')).toEqual([]);
  });

  it('splits a long hostile message into every span (one pass, no regular expression)', () => {
    const segments = messageSegments('`a'.repeat(100_000));
    expect(segments.filter(s => s.code)).toHaveLength(50_000);
    expect(segments.filter(s => !s.code)).toHaveLength(50_000);
  });
});
