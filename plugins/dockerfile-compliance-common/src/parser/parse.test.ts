import { parseDockerfile } from './parse';

/** The instructions without the fields a test does not look at. */
function brief(text: string) {
  return parseDockerfile(text).instructions.map((i) => ({ k: i.keyword, a: i.args, l: [i.line, i.endLine] }));
}

describe('parseDockerfile: lines, comments, continuations', () => {
  it('parses a multi-stage Dockerfile with lines, flags and exec form', () => {
    const r = parseDockerfile(
      'FROM golang:1.26.8-alpine3.23 AS build\n' +
        'WORKDIR /src\n' +
        'COPY --chown=1:1 --from=build --link /a /b\n' +
        'FROM scratch\n' +
        'CMD ["/app", "-v"]\n',
    );
    expect(r.errors).toEqual([]);
    expect(r.instructions.map((i) => i.keyword)).toEqual(['FROM', 'WORKDIR', 'COPY', 'FROM', 'CMD']);
    expect(r.instructions[0].args).toEqual(['golang:1.26.8-alpine3.23', 'AS', 'build']);
    expect(r.instructions[2].flags).toEqual([
      { name: 'chown', value: '1:1' },
      { name: 'from', value: 'build' },
      { name: 'link', value: null },
    ]);
    expect(r.instructions[2].args).toEqual(['/a', '/b']);
    expect(r.instructions[4]).toMatchObject({ json: true, args: ['/app', '-v'], line: 5, endLine: 5 });
  });

  it('joins continuations, skipping comment and blank lines inside them, and keeps those comments', () => {
    const r = parseDockerfile('FROM x\nRUN apk add \\\n# a comment\n\n    tzdata \\\n  && true\nUSER 1\n');
    expect(r.instructions[1]).toMatchObject({ keyword: 'RUN', args: ['apk add     tzdata   && true'], line: 2, endLine: 6 });
    expect(r.instructions[2]).toMatchObject({ keyword: 'USER', line: 7 });
    expect(r.comments).toEqual([{ line: 3, text: 'a comment' }]);
  });

  it('does not continue after an escaped escape character', () => {
    expect(brief('FROM x\nRUN echo \\\\\nUSER 1\n')).toEqual([
      { k: 'FROM', a: ['x'], l: [1, 1] },
      { k: 'RUN', a: ['echo \\\\'], l: [2, 2] },
      { k: 'USER', a: ['1'], l: [3, 3] },
    ]);
  });

  it('handles CRLF, a BOM and case-insensitive keywords', () => {
    const r = parseDockerfile('\ufeffFrom x\r\nrun a \\\r\n  b\r\nuser 1\r\n');
    expect(r.errors).toEqual([]);
    expect(r.instructions.map((i) => [i.keyword, i.args])).toEqual([
      ['FROM', ['x']],
      ['RUN', ['a   b']],
      ['USER', ['1']],
    ]);
  });

  it('reads directives only at the top, and the backtick escape', () => {
    const r = parseDockerfile('# syntax=docker/dockerfile:1\n# escape=`\nFROM x\nRUN a `\n  b\n');
    expect(r.directives).toEqual({ syntax: 'docker/dockerfile:1', escape: '`' });
    expect(r.escapeChar).toBe('`');
    expect(r.instructions[1].args).toEqual(['a   b']);
    const late = parseDockerfile('FROM x\n# escape=`\nRUN a `\n');
    expect(late.escapeChar).toBe('\\');
    expect(late.directives).toEqual({});
    expect(late.comments).toEqual([{ line: 2, text: 'escape=`' }]);
  });

  it('rejects a repeated directive and an invalid escape', () => {
    expect(parseDockerfile('# escape=\\\n# escape=`\nFROM x\n').errors[0].message).toMatch(/only one escape/);
    expect(parseDockerfile('# escape=x\nFROM x\n').errors[0].message).toMatch(/invalid escape token/);
  });
});

describe('parseDockerfile: heredocs', () => {
  it('reads several heredocs of one line with exact content and end lines', () => {
    const r = parseDockerfile('FROM x\nCOPY <<A <<"B" /dst/\na1\nA\nb1\nb2\nB\nUSER 1\n');
    expect(r.errors).toEqual([]);
    expect(r.instructions[1]).toMatchObject({ line: 2, endLine: 7 });
    expect(r.instructions[1].heredocs).toEqual([
      { name: 'A', content: 'a1\n', chomp: false, expand: true },
      { name: 'B', content: 'b1\nb2\n', chomp: false, expand: false },
    ]);
    expect(r.instructions[2]).toMatchObject({ keyword: 'USER', line: 8 });
  });

  it('supports <<-, quoted, spaced and fd-prefixed delimiters like BuildKit', () => {
    const r = parseDockerfile("FROM x\nRUN <<-'E1' 3<<E2 cat << E3\n\tx\n\tE1\ny\nE2\nz\nE3\n");
    expect(r.errors).toEqual([]);
    expect(r.instructions[1].heredocs).toEqual([
      { name: 'E1', content: '\tx\n', chomp: true, expand: false },
      { name: 'E2', content: 'y\n', chomp: false, expand: true },
      { name: 'E3', content: 'z\n', chomp: false, expand: true },
    ]);
  });

  it('reports an unterminated heredoc as an error', () => {
    const r = parseDockerfile('FROM x\nRUN <<EOF\necho\n');
    expect(r.errors).toEqual([{ line: 2, endLine: 3, message: 'unterminated heredoc' }]);
  });

  it('never reads heredocs for JSON form or other instructions', () => {
    const r = parseDockerfile('FROM x\nRUN ["sh", "-c", "cat <<EOF"]\nCMD cat <<EOF\nUSER 1\n');
    expect(r.errors).toEqual([]);
    expect(r.instructions.map((i) => i.keyword)).toEqual(['FROM', 'RUN', 'CMD', 'USER']);
  });
});

describe('parseDockerfile: arguments', () => {
  it('parses ENV and LABEL forms into key/value pairs', () => {
    const r = parseDockerfile('FROM x\nENV A=1 B="two words"\nENV LEGACY some value\nLABEL a=b\n');
    expect(r.instructions[1].args).toEqual(['A', '1', 'B', '"two words"']);
    expect(r.instructions[2].args).toEqual(['LEGACY', 'some value']);
    expect(r.instructions[3].args).toEqual(['a', 'b']);
  });

  it('parses ARG names with and without defaults', () => {
    expect(parseDockerfile('ARG A B=2 C="x y"\nFROM x\n').instructions[0].args).toEqual(['A', 'B=2', 'C="x y"']);
  });

  it('uses exec form only for a valid JSON array of strings', () => {
    const r = parseDockerfile('FROM x\nCMD ["a", \'b\']\nENTRYPOINT [ "a" ]\n');
    expect(r.instructions[1]).toMatchObject({ json: false, args: ['["a", \'b\']'] });
    expect(r.instructions[2]).toMatchObject({ json: true, args: ['a'] });
    expect(parseDockerfile('FROM x\nCMD ["a", 1]\n').errors[0].message).toMatch(/strings only/);
  });
});

describe('parseDockerfile: what BuildKit rejects', () => {
  it.each([
    ['an empty file', ''],
    ['only comments', '# nothing\n'],
    ['an unknown instruction', 'FROM x\nFOO bar\n'],
    ['an unknown flag', 'FROM x\nCOPY --form=build a b\n'],
    ['a flag without value', 'FROM x\nCOPY --from a b\n'],
    ['a repeated flag', 'FROM x\nCOPY --from=a --from=b a b\n'],
    ['an instruction before FROM', 'RUN true\nFROM x\n'],
    ['a bad stage name', 'FROM x AS 1abc\n'],
    ['FROM with two arguments', 'FROM x y\n'],
    ['COPY without destination', 'FROM x\nCOPY a\n'],
    ['an invalid network', 'FROM x\nRUN --network=foo true\n'],
    ['a bad mount (bare quote in its CSV)', 'FROM x\nRUN --mount=type=cache,tar\\"get=/x true\n'],
    ['a healthcheck below 1ms', 'FROM x\nHEALTHCHECK --interval=1us CMD true\n'],
    ['SHELL in shell form', 'FROM x\nSHELL sh -c\n'],
    ['ENV without value', 'FROM x\nENV A\n'],
  ])('reports %s as an error', (_, text) => {
    expect(parseDockerfile(text).errors.length).toBeGreaterThan(0);
  });

  it('names the unknown instruction and its line', () => {
    expect(parseDockerfile('FROM x\nFOO bar\n').errors).toEqual([{ line: 2, endLine: 2, message: 'unknown instruction: FOO' }]);
  });
});

describe('parseDockerfile: BuildKit quirks kept on purpose', () => {
  it('does not treat <<- followed by a blank as a heredoc, but << followed by one is', () => {
    const notHeredoc = parseDockerfile('FROM x\nRUN <<- EOF\nUSER 1\n');
    expect(notHeredoc.instructions.map((i) => i.keyword)).toEqual(['FROM', 'RUN', 'USER']);
    const heredoc = parseDockerfile('FROM x\nRUN << EOF\nUSER 1\nEOF\n');
    expect(heredoc.instructions.map((i) => i.keyword)).toEqual(['FROM', 'RUN']);
    expect(heredoc.instructions[1].heredocs[0]).toMatchObject({ name: 'EOF', content: 'USER 1\n' });
  });

  it('finds no heredoc on a line with an unmatched quote', () => {
    const r = parseDockerfile('FROM x\nRUN <<EOF echo "it\nUSER 1\n');
    expect(r.errors).toEqual([]);
    expect(r.instructions.map((i) => i.keyword)).toEqual(['FROM', 'RUN', 'USER']);
  });

  it('decodes non-ASCII flag values byte by byte like BuildKit (Latin-1 view of UTF-8)', () => {
    const r = parseDockerfile('FROM x\nCOPY --chown=é a b\n');
    expect(r.instructions[1].flags).toEqual([{ name: 'chown', value: '\u00c3\u00a9' }]);
  });

  it('reports an ONBUILD trigger as keyword and arguments', () => {
    const r = parseDockerfile('FROM x\nONBUILD COPY --from=b a /c\n');
    expect(r.instructions[1]).toMatchObject({ keyword: 'ONBUILD', args: ['COPY', 'a', '/c'], flags: [] });
  });

  it('keeps flags of ARG and STOPSIGNAL (BuildKit ignores them) but rejects them elsewhere', () => {
    expect(parseDockerfile('ARG --x A=1\nFROM x\nSTOPSIGNAL --y SIGTERM\n').errors).toEqual([]);
    expect(parseDockerfile('FROM x\nUSER --x 1\n').errors[0].message).toBe('unknown flag: --x');
  });

  it('treats JSON that Go cannot decode as shell form', () => {
    const deep = parseDockerfile('FROM x\nCMD ' + '['.repeat(10001) + ']'.repeat(10001) + '\n');
    expect(deep.errors).toEqual([]);
    expect(deep.instructions[1].json).toBe(false);
    expect(parseDockerfile('FROM x\nCMD ["a", 1e400]\n').instructions[1].json).toBe(false);
  });

  it('stops at a line of 64 KiB like BuildKit', () => {
    expect(parseDockerfile('FROM x\nRUN ' + 'a'.repeat(65531) + '\n').errors).toEqual([]);
    expect(parseDockerfile('FROM x\nRUN ' + 'a'.repeat(65532) + '\n').errors[0].message).toMatch(/max allowed size/);
  });
});
