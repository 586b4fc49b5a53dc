/** `sh -c 'script'` in a RUN: the script's commands are seen (a go build there is judged, not skipped). */
import { parseDockerfile } from '../parser/parse';
import { buildModel } from './build';
import type { DockerfileModel } from './types';

const model = (text: string): DockerfileModel => {
  const parsed = parseDockerfile(text);
  expect(parsed.errors).toEqual([]);
  return buildModel(parsed);
};
const FINAL = '\nFROM scratch\nCOPY --from=0 /app /app\n';

describe('commands of `sh -c` scripts', () => {
  it('a go build inside `sh -c` is a go build, with the flags of the inner command', () => {
    const m = model(`FROM golang:1.26.8-alpine3.23\nRUN sh -c 'go build -trimpath -ldflags="-s -w" -o /app .'${FINAL}`);
    expect(m.goBuilds).toHaveLength(1);
    expect(m.goBuilds[0]).toMatchObject({ subcommand: 'build', trimpath: true, ldflags: '-s -w' });
    expect(m.goBuilds[0]!.env('CGO_ENABLED')).toBeUndefined();
  });
  it('the outer command environment is exported to the script', () => {
    const m = model(`FROM golang:1.26.8-alpine3.23\nRUN CGO_ENABLED=0 bash -ec "go build -o /app ."${FINAL}`);
    expect(m.goBuilds[0]!.env('CGO_ENABLED')).toBe('0');
    const exported = model(`FROM golang:1.26.8-alpine3.23\nRUN export CGO_ENABLED=0 && sh -o pipefail -c 'go build -o /app .'${FINAL}`);
    expect(exported.goBuilds[0]!.env('CGO_ENABLED')).toBe('0');
  });
  it('nested shells and shell words that are not `-c` scripts', () => {
    const nested = model(`FROM golang:1.26.8-alpine3.23\nRUN sh -c "sh -c 'apk add git'"${FINAL}`);
    const words = nested.commandsOf(nested.stages[0]!.instructions[0]!).map((c) => c.words.join(' '));
    expect(words).toContain('apk add git');
    const script = model(`FROM golang:1.26.8-alpine3.23\nRUN sh ./build.sh -c go${FINAL}`);
    expect(script.commandsOf(script.stages[0]!.instructions[0]!).map((c) => c.words[0])).toEqual(['sh']);
  });
});
