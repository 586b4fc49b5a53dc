/**
 * The `hardened-go` command line. `run` is the whole CLI as a function (argv and I/O in,
 * exit code out) so tests drive it in-process; bin/hardened-go.js only wires it to the
 * process. Every failure becomes a message and an exit code, never a stack trace.
 */
import { EXIT, type CliIO, type Command } from './command';
import { InputError } from '@backstage/errors';
import { COMMANDS } from './commands';
import { toolVersion } from './version';

export type { CliIO, Command } from './command';

function overview(commands: readonly Command[]): string {
  const width = Math.max(...commands.map(c => c.name.length)) + 2;
  return `Usage: hardened-go <command> [options]

The hardened Go container standard: check Dockerfiles, list the rules, render the canonical
Dockerfile.

Commands:
${commands.map(c => `  ${c.name.padEnd(width)}${c.summary}`).join('\n')}

Run "hardened-go <command> --help" for a command's options and exit codes.
Exit codes: 0 ok, 1 findings at or above the threshold, 2 usage, configuration or I/O error.
`;
}

/** @public */
export async function run(argv: string[], io: CliIO, commands: readonly Command[] = COMMANDS): Promise<number> {
  const [name, ...args] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    const topic = name === 'help' ? commands.find(c => c.name === args[0]) : undefined;
    (name === undefined ? io.stderr : io.stdout).write(topic ? topic.help : overview(commands));
    return name === undefined ? EXIT.usage : EXIT.ok;
  }
  if (name === '--version' || name === '-v') {
    io.stdout.write(`${toolVersion()}\n`);
    return EXIT.ok;
  }
  const command = commands.find(c => c.name === name);
  if (!command) {
    io.stderr.write(`hardened-go: unknown command ${JSON.stringify(name)}. Commands: ${commands.map(c => c.name).join(', ')}.\n`);
    return EXIT.usage;
  }
  try {
    return await command.run(args, io);
  } catch (e) {
    if (e instanceof InputError) {
      io.stderr.write(`hardened-go ${name}: ${e.message}\n`);
      return EXIT.usage;
    }
    // A bug must not look like a verdict: report it in one line and fail (the stack on request).
    const message = e instanceof Error ? e.message.split('\n')[0] : String(e);
    const stack = io.env.HARDENED_GO_DEBUG && e instanceof Error && e.stack ? `\n${e.stack}` : ' (set HARDENED_GO_DEBUG=1 for the stack trace)';
    io.stderr.write(`hardened-go ${name}: internal error: ${message}${stack}\n`);
    return EXIT.usage;
  }
}
