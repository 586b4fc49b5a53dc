/**
 * `@hardened-go/cli`: the `hardened-go` command line. `run(argv, io)` is the whole CLI as a
 * function (argv and I/O in, exit code out); bin/hardened-go wires it to the process.
 *
 * @packageDocumentation
 */
export { run } from './main';
export type { CliIO, Command } from './main';
export { EXIT } from './command';
