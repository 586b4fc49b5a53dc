/**
 * The syntax tree of a Dockerfile, as BuildKit's parser
 * (github.com/moby/buildkit/frontend/dockerfile/parser + instructions) sees it.
 * Line numbers are 1-based and inclusive; a multi-line instruction (continuations,
 * heredoc bodies) spans line..endLine.
 */

/**
 * A `--name=value` (or bare `--name`) flag of an instruction, in source order.
 *
 * @public
 */
export interface InstructionFlag {
  /** Lower-case name without the dashes: `from`, `chown`, `mount`, `platform`, ... */
  name: string;
  /** The value after `=`, unexpanded; null for a bare boolean flag such as `--link`. */
  value: string | null;
}

/**
 * A heredoc attached to a RUN/COPY/ADD instruction (`<<EOF`, `<<-EOF`, `<<'EOF'`, ...).
 *
 * @public
 */
export interface Heredoc {
  /** The delimiter word, without quotes. */
  name: string;
  /** The body as BuildKit stores it: lines joined with `\n`, terminated by `\n`. */
  content: string;
  /** `<<-`: leading tabs are stripped from the body. */
  chomp: boolean;
  /** false when the delimiter was quoted (`<<'EOF'`, `<<"EOF"`): no variable expansion. */
  expand: boolean;
}

/** @public */
export interface Instruction {
  /** Upper-cased keyword: FROM, RUN, COPY, ... (unknown keywords are kept as written, upper-cased). */
  keyword: string;
  /** 1-based first line of the instruction. */
  line: number;
  /** 1-based last line, including continuation lines and heredoc bodies. */
  endLine: number;
  flags: InstructionFlag[];
  /**
   * The arguments after the flags, BuildKit-style: for exec (JSON) form the array
   * elements; for shell form of RUN/CMD/ENTRYPOINT/SHELL a single element with the
   * command line (continuations joined); for other instructions the whitespace-separated
   * words (ENV/LABEL: key and value pairs, flattened [k1, v1, k2, v2]).
   */
  args: string[];
  /** true when the arguments were given in exec (valid JSON array) form. */
  json: boolean;
  /** Text after the keyword and flags with continuations joined (unexpanded). */
  rawArgs: string;
  heredocs: Heredoc[];
}

/**
 * A comment line. Comments inside continuations are kept too (suppressions read them).
 *
 * @public
 */
export interface Comment {
  line: number;
  /** Text after the `#`, trimmed. */
  text: string;
}

/** @public */
export interface ParseError {
  line: number;
  endLine: number;
  message: string;
}

/** @public */
export interface ParsedDockerfile {
  /** Parser directives from the top of the file (`syntax`, `escape`, `check`), lower-case keys. */
  directives: Record<string, string>;
  escapeChar: '\\' | '`';
  instructions: Instruction[];
  comments: Comment[];
  /** Anything that makes the parse unreliable. Non-empty means GDS000 and no verdict. */
  errors: ParseError[];
}
