import { ConfigReader } from '@backstage/config';
import { DEFAULT_DRIFT_CONFIG, readDriftConfig } from './driftConfig';

const read = (catalog: unknown) => readDriftConfig(new ConfigReader({ hardenedGo: { catalog } } as never));

describe('readDriftConfig', () => {
  it('defaults to Component/service, a 10 s read timeout and 20 listed findings', () => {
    expect(readDriftConfig(new ConfigReader({}))).toEqual(DEFAULT_DRIFT_CONFIG);
    expect(DEFAULT_DRIFT_CONFIG).toEqual({
      filter: { kinds: ['Component'], types: ['service'], tags: [], annotations: [] },
      readTimeoutMs: 10_000,
      maxFindings: 20,
    });
  });

  it('reads every key', () => {
    expect(
      read({
        filter: { kinds: ['Component', 'Resource'], types: ['service', 'worker'], tags: ['go'], annotations: ['github.com/project-slug', 'acme.io/tier=1'] },
        readTimeout: 2500,
        maxFindings: 5,
      }),
    ).toEqual({
      filter: {
        kinds: ['Component', 'Resource'],
        types: ['service', 'worker'],
        tags: ['go'],
        annotations: [{ key: 'github.com/project-slug' }, { key: 'acme.io/tier', value: '1' }],
      },
      readTimeoutMs: 2500,
      maxFindings: 5,
    });
  });

  it.each([
    ['10s', 10_000],
    ['PT1M', 60_000],
    [{ seconds: 3 }, 3_000],
    [750, 750],
  ])('accepts readTimeout %j as %d ms', (value, ms) => {
    expect(read({ readTimeout: value }).readTimeoutMs).toBe(ms);
  });

  it('reads revalidateAfter as a duration (unset by default: every pass revalidates), and refuses one out of range', () => {
    expect(DEFAULT_DRIFT_CONFIG.revalidateAfterMs).toBeUndefined();
    expect(read({ revalidateAfter: '1h' }).revalidateAfterMs).toBe(3_600_000);
    expect(read({ revalidateAfter: { minutes: 15 } }).revalidateAfterMs).toBe(900_000);
    expect(() => read({ revalidateAfter: '10ms' })).toThrow(/hardenedGo\.catalog\.revalidateAfter must be at least 1 s and at most 31 days/);
    expect(() => read({ revalidateAfter: { days: 60 } })).toThrow(/at most 31 days/);
    expect(() => read({ revalidateAfter: 'soon' })).toThrow(/hardenedGo\.catalog\.revalidateAfter/);
  });

  it('lets an empty types list mean any type', () => {
    expect(read({ filter: { types: [] } }).filter.types).toEqual([]);
  });

  it.each([
    [{ filters: {} }, /^hardenedGo\.catalog\.filters is not a known key/],
    [{ filter: { type: ['service'] } }, /^hardenedGo\.catalog\.filter\.type is not a known key/],
    [{ filter: { types: 'service' } }, /^hardenedGo\.catalog\.filter\.types must be a list of non-empty strings/],
    [{ filter: { tags: ['go', ''] } }, /^hardenedGo\.catalog\.filter\.tags must be a list/],
    [{ filter: { kinds: [] } }, /^hardenedGo\.catalog\.filter\.kinds must name at least one kind/],
    [{ filter: { annotations: ['=x'] } }, /^hardenedGo\.catalog\.filter\.annotations has an entry without an annotation key/],
    [{ filter: 'service' }, /^hardenedGo\.catalog\.filter must be an object/],
    [{ readTimeout: 'soon' }, /^hardenedGo\.catalog\.readTimeout must be milliseconds/],
    [{ readTimeout: 0 }, /^hardenedGo\.catalog\.readTimeout must be more than 0/],
    [{ readTimeout: '2h' }, /^hardenedGo\.catalog\.readTimeout must be more than 0 and at most/],
    [{ maxFindings: 0 }, /^hardenedGo\.catalog\.maxFindings must be a whole number from 1 to 100/],
    [{ maxFindings: 2.5 }, /^hardenedGo\.catalog\.maxFindings/],
    ['yes', /^hardenedGo\.catalog must be an object/],
  ])('rejects %j naming the key', (value, message) => {
    expect(() => read(value)).toThrow(message);
  });
});
