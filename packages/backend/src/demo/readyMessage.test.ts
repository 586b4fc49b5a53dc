import { spawnSync } from 'node:child_process';
import { readyLine, shellQuote, tryCommands, type ReadyMessageInput } from './readyMessage';

const input: ReadyMessageInput = {
  backendUrl: 'http://localhost:7007',
  examplesUrl: 'http://127.0.0.1:7008',
  labels: new Map([
    ['a', 'compliant'],
    ['b', 'drifted'],
    ['c', 'drifted'],
  ]),
  startupMs: 12_345,
  dryRunRequestFile: "/tmp/it's here/dry-run.json",
  examplesDirForCli: 'examples/',
};

describe('ready message', () => {
  it('is one line with both URLs and the count per label', () => {
    const line = readyLine(input);
    expect(line).not.toContain('\n');
    expect(line).toBe(
      'hardened-go ready in 12.3s: backend http://localhost:7007 | example repositories http://127.0.0.1:7008 | 3 example services: 1 compliant, 2 drifted',
    );
  });

  it('says so when some examples are not labelled yet', () => {
    const line = readyLine({ ...input, labels: new Map([['a', 'drifted'], ['b', undefined]]) });
    expect(line).toMatch(/^hardened-go up, but 1 example\(s\) not checked yet in 12\.3s: .*1 drifted, 1 not checked yet$/);
  });

  it('quotes for a POSIX shell so that paths with spaces and quotes survive', () => {
    expect(shellQuote('examples/')).toBe('examples/');
    const quoted = shellQuote("/tmp/it's here/x.json");
    const echoed = spawnSync('bash', ['-c', `printf %s ${quoted}`], { encoding: 'utf8' });
    expect(echoed.stdout).toBe("/tmp/it's here/x.json");
  });

  it('prints four commands, each after its comment, that bash can parse', () => {
    const lines = tryCommands(input);
    expect(lines.filter(l => l.startsWith('#'))).toHaveLength(4);
    const commands = lines.filter(l => !l.startsWith('#'));
    expect(commands.map(c => c.split(' ')[0])).toEqual(['curl', 'curl', 'npx', 'HARDENED_GO_TOKEN=${HARDENED_GO_POLICY_TOKEN:-hardened-go-demo-token}']);
    expect(commands[3]).toContain(`--policy-url ${input.backendUrl} `);
    for (const command of commands) {
      expect(spawnSync('bash', ['-n', '-c', command]).status).toBe(0);
    }
    expect(commands[1]).toContain(`-d @'/tmp/it'\\''s here/dry-run.json'`);
  });

  it('leaves the dry-run command out when there is no request file', () => {
    const commands = tryCommands({ ...input, dryRunRequestFile: undefined }).filter(l => !l.startsWith('#'));
    expect(commands.map(c => c.split(' ')[0])).toEqual(['curl', 'npx', 'HARDENED_GO_TOKEN=${HARDENED_GO_POLICY_TOKEN:-hardened-go-demo-token}']);
    expect(commands.join('\n')).not.toContain('dry-run');
  });
});
