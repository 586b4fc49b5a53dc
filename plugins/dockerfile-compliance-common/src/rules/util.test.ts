/** How messages name stages: a named stage by its AS name, an unnamed one by its FROM counted from 1. */
import { buildModel, parseDockerfile } from '../index';
import { stageLabel } from './util';

const model = (text: string) => buildModel(parseDockerfile(text));

describe('stageLabel', () => {
  it('names an unnamed first stage `stage 1` (FROMs counted from 1; COPY --from=0 is the same stage)', () => {
    const m = model('FROM golang:1.26.8-alpine3.23\nRUN go build -o /out/app .\nFROM scratch\nCOPY --from=0 /out/app /app\n');
    expect(m.stages.map(stageLabel)).toEqual(['stage 1', 'stage 2']);
    expect(m.stageByRef('0')).toBe(m.stages[0]);
  });

  it('names a named stage by its AS name, and counts unnamed ones by their FROM among all of them', () => {
    const m = model('FROM golang:1.26.8-alpine3.23 AS builder\nRUN true\nFROM alpine:3.20\nFROM scratch\n');
    expect(m.stages.map(stageLabel)).toEqual(['stage "builder"', 'stage 2', 'stage 3']);
  });
});
