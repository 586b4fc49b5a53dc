/** `hardened-go rules`: the rule catalog (id, default severity, title). */
import { ALL_RULES } from '@hardened-go/plugin-dockerfile-compliance-common';
import { choice, parseCommandArgs } from '../args';
import { EXIT, type Command } from '../command';
import { InputError } from '@backstage/errors';

export const rulesCommand: Command = {
  name: 'rules',
  summary: 'list the rule catalog',
  help: `Usage: hardened-go rules [--format text|json]

Lists every rule of the standard with its default severity and title.

Options:
  --format text|json   text table (default) or a JSON array of {id, severity, title, docsPath}
  -h, --help           this help

Exit codes: 0, or 2 for a usage error.
`,
  async run(args, io) {
    const { values, positionals } = parseCommandArgs('rules', args, { format: { type: 'string' } });
    if (values.help) {
      io.stdout.write(this.help);
      return EXIT.ok;
    }
    const format = choice('rules', 'format', values.format, ['text', 'json'] as const, 'text');
    if (positionals.length > 0) throw new InputError(`unexpected argument ${JSON.stringify(positionals[0])}`);
    if (format === 'json') {
      const list = ALL_RULES.map(r => ({ id: r.id, severity: r.defaultSeverity, title: r.title, docsPath: r.docsPath }));
      io.stdout.write(`${JSON.stringify(list, null, 2)}\n`);
    } else {
      const width = Math.max(...ALL_RULES.map(r => r.id.length)) + 2;
      io.stdout.write(`${'ID'.padEnd(width)}${'SEVERITY'.padEnd(10)}TITLE\n`);
      for (const r of ALL_RULES) io.stdout.write(`${r.id.padEnd(width)}${r.defaultSeverity.padEnd(10)}${r.title}\n`);
    }
    return EXIT.ok;
  },
};
