/**
 * Dockerfiles that probe every corner of BuildKit's parsing rules, for the differential
 * test against BuildKit: hand-written cases (one per rule and quirk), random combinations
 * of tricky lines, and random mutations of real Dockerfiles. Deterministic (seeded).
 */

export interface EdgeCase {
  name: string;
  text: string;
}

const F = 'FROM golang:1.26.8-alpine3.23 AS build\n';

/** One case per rule and quirk we know of; grouped like docs/parser.md. */
export function handWrittenCases(): EdgeCase[] {
  const cases: [string, string][] = [
    // --- empty input and whitespace
    ['empty file', ''],
    ['only a newline', '\n'],
    ['only comments', '# a\n# b\n'],
    ['only whitespace lines', '  \n\t\n \r\n'],
    ['no trailing newline', 'FROM scratch'],
    ['CRLF line endings', 'FROM scratch\r\nUSER 1\r\n'],
    ['lone CR inside a line', 'FROM scratch\nRUN a\rb\n'],
    ['several CRs before LF', 'FROM scratch\r\r\nUSER 1\r\r\r\n'],
    ['BOM', '\ufeffFROM scratch\n'],
    ['BOM then directive', '\ufeff# escape=`\nFROM scratch\nRUN a `\n b\n'],
    ['BOM on second line is data', 'FROM scratch\n\ufeffUSER 1\n'],
    ['vertical tab and form feed', 'FROM\vscratch\n\fUSER\f1\n'],
    ['NBSP after keyword', 'FROM scratch\nUSER\u00a01\n'],
    ['NEL at line start', 'FROM scratch\n\u0085USER 1\n'],
    ['ideographic space at line start', 'FROM scratch\n\u3000USER 1\n'],
    ['NUL in arguments', 'FROM scratch\nRUN echo a\u0000b\n'],
    ['leading whitespace before keyword', '   FROM scratch\n\t\tUSER 1\n'],
    ['trailing whitespace', 'FROM scratch   \nUSER 1\t\n'],
    ['non-ASCII arguments', 'FROM scratch\nLABEL é=ü description="日本語"\n'],
    ['astral characters', 'FROM scratch\nLABEL emoji=😀\nRUN echo 😀\n'],

    // --- directives
    ['syntax directive', '# syntax=docker/dockerfile:1\nFROM scratch\n'],
    ['syntax directive with spaces', '#   syntax   =   docker/dockerfile:1.7  \nFROM scratch\n'],
    ['upper-case directive key', '# SYNTAX=docker/dockerfile:1\n# Escape=`\nFROM scratch\nRUN a `\n b\n'],
    ['check directive', '# check=skip=JSONArgsRecommended;error=true\nFROM scratch\n'],
    ['all three directives', '# syntax=docker/dockerfile:1\n# escape=\\\n# check=skip=all\nFROM scratch\n'],
    ['backtick escape', '# escape=`\nFROM scratch\nRUN echo a `\n  b\nCOPY a\\b c\\d\n'],
    ['escape directive after a comment is a comment', '# hello\n# escape=`\nFROM scratch\nRUN a `\n'],
    ['escape directive after an empty line is a comment', '\n# escape=`\nFROM scratch\nRUN a `\n'],
    ['directive after an instruction is a comment', 'FROM scratch\n# escape=`\nRUN a `\n'],
    ['duplicate directive', '# syntax=a\n# syntax=b\nFROM scratch\n'],
    ['duplicate escape directive', '# escape=`\n# escape=\\\nFROM scratch\n'],
    ['invalid escape value', '# escape=x\nFROM scratch\n'],
    ['escape value with trailing spaces', '# escape=`   \nFROM scratch\nRUN a `\n b\n'],
    ['escape value of two characters', '# escape=``\nFROM scratch\n'],
    ['unknown directive stops directives', '# foo=bar\n# escape=`\nFROM scratch\nRUN a `\n'],
    ['directive with leading whitespace', '   # escape=`\nFROM scratch\nRUN a `\n  b\n'],
    ['directive without value', '# escape=\nFROM scratch\n'],
    ['directive with only blanks after =', '# escape=  \nFROM scratch\n'],
    ['directive with CRLF', '# escape=`\r\nFROM scratch\r\nRUN a `\r\n b\r\n'],
    ['shebang then syntax', '#!/usr/bin/env docker\n# syntax=docker/dockerfile:1\nFROM scratch\n'],
    ['directive-like text without #', 'escape=`\nFROM scratch\n'],
    ['directive key with digits', '# syntax1=x\n# escape=`\nFROM scratch\n'],
    ['directive with colon', '# syntax: docker/dockerfile:1\nFROM scratch\n'],

    // --- continuations
    ['simple continuation', F + 'RUN apk add \\\n    tzdata \\\n    git\n'],
    ['continuation with trailing blanks after escape', F + 'RUN a \\  \t\n  b\n'],
    ['escaped escape ends the line', F + 'RUN echo \\\\\nUSER 1\n'],
    ['three escapes at the end', F + 'RUN echo \\\\\\\nUSER 1\n'],
    ['escape alone on a line', F + 'RUN a \\\n\\\n b\n'],
    ['escape alone as first line', '\\\nFROM scratch\n'],
    ['escape alone then EOF', F + '\\\n'],
    ['comment inside continuation', F + 'RUN a \\\n# comment\n  b\n'],
    ['indented comment inside continuation', F + 'RUN a \\\n    # comment \\\n  b\n'],
    ['empty line inside continuation', F + 'RUN a \\\n\n  b\n'],
    ['whitespace line inside continuation', F + 'RUN a \\\n   \t\n  b\n'],
    ['trailing escape at EOF', F + 'RUN a \\'],
    ['trailing escape then newline at EOF', F + 'RUN a \\\n'],
    ['continuation into comment at EOF', F + 'RUN a \\\n# done\n'],
    ['continuation into blank lines at EOF', F + 'RUN a \\\n\n\n'],
    ['continuation of keyword only', F + 'RUN \\\n  echo hi\n'],
    ['continuation splitting the keyword', F + 'RU\\\nN echo hi\n'],
    ['continuation inside flags', F + 'COPY --from=build \\\n  --chown=1:1 \\\n  /a /b\n'],
    ['continuation with CRLF', F + 'RUN a \\\r\n  b\r\n'],
    ['escape followed by CR and blank', F + 'RUN a \\\r \nUSER 1\n'],
    ['backtick continuation with backslashes in it', '# escape=`\nFROM scratch\nRUN echo C:\\ `\n  D:\\\n'],
    ['backslash is data under backtick escape', '# escape=`\nFROM scratch\nRUN a \\\nUSER 1\n'],
    ['continuation over 50 lines', F + 'RUN a \\\n' + '  b \\\n'.repeat(50) + '  c\n'],

    // --- keywords
    ['lower-case keywords', 'from scratch\nuser 1\ncmd ["/app"]\n'],
    ['mixed-case keywords', 'FrOm scratch\nUsEr 1\n'],
    ['unknown instruction', F + 'FOO bar\n'],
    ['unknown instruction without arguments', F + 'NOTHING\n'],
    ['misspelled instruction', F + 'RUNN echo\n'],
    ['keyword with Kelvin sign', 'FROM scratch\nWOR\u212aDIR /x\n'],
    ['keyword with dotless i', 'FROM scratch\nONBU\u0131LD RUN x\n'],
    ['keyword with dotted capital I', 'FROM scratch\nONBU\u0130LD RUN x\n'],
    ['instruction before FROM', 'RUN true\nFROM scratch\n'],
    ['ARG before FROM', 'ARG V=1.26.8\nFROM golang:${V}\n'],
    ['ENV before FROM', 'ENV A=1\nFROM scratch\n'],

    // --- FROM
    ['FROM with AS', 'FROM golang:1.26.8 AS build\n'],
    ['FROM with lower-case as', 'FROM golang:1.26.8 as build\n'],
    ['FROM with mixed-case As', 'FROM golang:1.26.8 aS build\n'],
    ['FROM with long-s as', 'FROM golang:1.26.8 a\u017f build\n'],
    ['FROM upper-case stage name', 'FROM golang AS Build\n'],
    ['FROM stage name with dots and dashes', 'FROM golang AS b-1_x.y\n'],
    ['FROM stage name starting with a digit', 'FROM golang AS 1build\n'],
    ['FROM stage name with a symbol', 'FROM golang AS bu$ld\n'],
    ['FROM stage name with Kelvin sign', 'FROM golang AS \u212aey\n'],
    ['FROM AS without name', 'FROM golang AS\n'],
    ['FROM with two words', 'FROM golang build\n'],
    ['FROM with four words', 'FROM golang AS build extra\n'],
    ['FROM without image', 'FROM\n'],
    ['FROM with platform', 'FROM --platform=$BUILDPLATFORM golang:1.26.8 AS build\n'],
    ['FROM with platform after image is an argument', 'FROM golang --platform=linux\n'],
    ['FROM with unknown flag', 'FROM --plattform=linux golang\n'],
    ['FROM with platform twice', 'FROM --platform=a --platform=b golang\n'],
    ['FROM with platform without value', 'FROM --platform golang\n'],
    ['FROM with digest', 'FROM golang@sha256:' + 'a'.repeat(64) + '\n'],
    ['FROM with variable', 'ARG IMG=golang\nFROM ${IMG:-golang}:1.26.8\n'],

    // --- flags
    ['COPY --from among other flags', F + 'COPY --chown=1:1 --from=build --chmod=755 --link /a /b\n'],
    ['COPY --from by index', F + 'COPY --from=0 /a /b\n'],
    ['COPY --from image', F + 'COPY --from=alpine:3.23 /etc/passwd /etc/passwd\n'],
    ['COPY --link=false', F + 'COPY --link=false a b\n'],
    ['COPY --link=TRUE', F + 'COPY --link=TRUE a b\n'],
    ['COPY --link=yes', F + 'COPY --link=yes a b\n'],
    ['COPY --link= (empty)', F + 'COPY --link= a b\n'],
    ['COPY --parents and --exclude twice', F + 'COPY --parents --exclude=*.md --exclude=*.txt ./ /src/\n'],
    ['COPY --from without value', F + 'COPY --from a b\n'],
    ['COPY --from empty value', F + 'COPY --from= a b\n'],
    ['COPY upper-case flag name', F + 'COPY --FROM=build a b\n'],
    ['COPY unknown flag', F + 'COPY --form=build a b\n'],
    ['COPY --checksum is ADD only', F + 'COPY --checksum=sha256:x a b\n'],
    ['ADD --checksum and --keep-git-dir', F + 'ADD --checksum=sha256:abc --keep-git-dir=true https://x/y.tar /z\n'],
    ['ADD --unpack', F + 'ADD --unpack=false x.tar /z\n'],
    ['ADD --from is COPY only', F + 'ADD --from=build a b\n'],
    ['quoted flag value', F + 'COPY --chown="1:1" --from=\'build\' a b\n'],
    ['quoted flag value with spaces', F + 'COPY --exclude="a b" --exclude=\'c d\' x y\n'],
    ['escaped space in flag', F + 'COPY --exclude=a\\ b x y\n'],
    ['escape at end of flag word', F + 'COPY --from=build\\'],
    ['double dash ends flags', F + 'COPY -- --from=build a\n'],
    ['double dash after flags', F + 'COPY --link -- a b\n'],
    ['single dash is an argument', F + 'COPY -from=build a b\n'],
    ['flag-like word after arguments', F + 'COPY a --from=build b\n'],
    ['flag with empty quoted value', F + 'COPY --from="" a b\n'],
    ['flag made only of quotes', F + 'COPY --"" a b\n'],
    ['flag with non-ASCII value', F + 'COPY --chown=é a b\n'],
    ['flag with NBSP-containing character', F + 'COPY --chown=\u00e0x a b\n'],
    ['flag with U+0800', F + 'COPY --chown=a\u0800b c d\n'],
    ['flag with U+1145', F + 'COPY --chown=\u1145 c d\n'],
    ['flags then end of line', F + 'COPY --from=build --link\n'],
    ['ENV with a flag', F + 'ENV --foo A=1\n'],
    ['ARG with a flag is accepted', 'ARG --foo A=1\nFROM scratch\n'],
    ['STOPSIGNAL with a flag is accepted', F + 'STOPSIGNAL --foo SIGTERM\n'],
    ['USER with a flag', F + 'USER --foo 1\n'],
    ['WORKDIR with a flag', F + 'WORKDIR --foo /x\n'],
    ['CMD with a flag', F + 'CMD --foo ["/app"]\n'],
    ['LABEL with a flag', F + 'LABEL --foo a=b\n'],
    ['EXPOSE with a flag', F + 'EXPOSE --foo 80\n'],
    ['VOLUME with a flag', F + 'VOLUME --foo /data\n'],
    ['SHELL with a flag', F + 'SHELL --foo ["sh", "-c"]\n'],
    ['MAINTAINER with a flag', F + 'MAINTAINER --foo me\n'],
    ['ONBUILD with a flag', F + 'ONBUILD --foo RUN x\n'],

    // --- RUN flags
    ['RUN --mount repeated', F + 'RUN --mount=type=cache,target=/root/.cache/go-build --mount=type=bind,source=.,target=/src go build\n'],
    ['RUN --mount=type=secret', F + 'RUN --mount=type=secret,id=token,env=TOKEN true\n'],
    ['RUN --mount from stage', F + 'RUN --mount=from=build,source=/a,target=/b true\n'],
    ['RUN --mount from with variable', F + 'RUN --mount=from=$STAGE,target=/b true\n'],
    ['RUN --mount from ending with $', F + 'RUN --mount=from=a$,target=/b true\n'],
    ['RUN --mount FROM key upper-case with variable', F + 'RUN --mount=FROM=${X},target=/b true\n'],
    ['RUN --mount with unknown type (checked at build time)', F + 'RUN --mount=type=foo,target=/x true\n'],
    ['RUN --mount empty', F + 'RUN --mount= true\n'],
    ['RUN --mount quoted CSV field', F + 'RUN --mount=type=bind,\\"source=a,b\\",target=/x true\n'],
    ['RUN --mount bare quote', F + 'RUN --mount=type=bind,sou\\"rce=a true\n'],
    ['RUN --mount unterminated CSV quote', F + 'RUN --mount=\\"type=bind true\n'],
    ['RUN --mount trailing comma', F + 'RUN --mount=type=cache,target=/x, true\n'],
    ['RUN --network=none', F + 'RUN --network=none true\n'],
    ['RUN --network=host', F + 'RUN --network=host true\n'],
    ['RUN --network=default', F + 'RUN --network=default true\n'],
    ['RUN --network invalid', F + 'RUN --network=bridge true\n'],
    ['RUN --network upper-case value', F + 'RUN --network=NONE true\n'],
    ['RUN --network empty', F + 'RUN --network= true\n'],
    ['RUN --network twice', F + 'RUN --network=none --network=host true\n'],
    ['RUN --security=insecure', F + 'RUN --security=insecure true\n'],
    ['RUN --security invalid', F + 'RUN --security=strict true\n'],
    ['RUN --device', F + 'RUN --device=/dev/fuse,required=true true\n'],
    ['RUN --device name key', F + 'RUN --device=name=/dev/fuse true\n'],
    ['RUN --device two names', F + 'RUN --device=/dev/a,name=/dev/b true\n'],
    ['RUN --device bad required', F + 'RUN --device=/dev/a,required=maybe true\n'],
    ['RUN --device unexpected key', F + 'RUN --device=/dev/a,foo=bar true\n'],
    ['RUN --device bare word twice', F + 'RUN --device=/dev/a,/dev/b true\n'],
    ['RUN unknown flag', F + 'RUN --privileged true\n'],
    ['RUN flags without command', F + 'RUN --network=none\n'],
    ['RUN without arguments', F + 'RUN\n'],

    // --- heredocs
    ['heredoc basic', F + 'RUN <<EOF\necho hi\nEOF\n'],
    ['heredoc chomp', F + 'RUN <<-EOF\n\techo hi\n\tEOF\n'],
    ['heredoc chomp terminator with tabs only', F + 'RUN <<-EOF\n\t\techo\n\t\t\tEOF\nUSER 1\n'],
    ['heredoc chomp does not strip spaces', F + 'RUN <<-EOF\necho\n  EOF\nEOF\n'],
    ['heredoc single-quoted', F + "RUN <<'EOF'\necho $HOME\nEOF\n"],
    ['heredoc double-quoted', F + 'RUN <<"EOF"\necho $HOME\nEOF\n'],
    ['heredoc partly quoted', F + 'RUN <<E"O"F\nx\nEOF\n'],
    ['heredoc with escaped delimiter', F + 'RUN <<E\\OF\nx\nEOF\n'],
    ['heredoc with space', F + 'RUN << EOF\nx\nEOF\n'],
    ['heredoc with tab', F + 'RUN <<\tEOF\nx\nEOF\n'],
    ['heredoc with space and quotes', F + "RUN << 'EOF'\nx\nEOF\n"],
    ['heredoc chomp with space is not a heredoc', F + 'RUN <<- EOF\nx\nEOF\n'],
    ['heredoc with fd', F + 'RUN 3<<EOF cat /dev/fd/3\nx\nEOF\n'],
    ['heredoc with fd 0', F + 'RUN cat 0<<EOF\nx\nEOF\n'],
    ['two heredocs on one line', F + 'RUN <<A <<B\na\nA\nb\nB\n'],
    ['three heredocs, one chomped and one quoted', F + "RUN <<A <<-B <<'C'\na\nA\n\tb\n\tB\nc\nC\nUSER 1\n"],
    ['heredoc after command', F + 'RUN cat > /x <<EOF\nhello\nEOF\n'],
    ['heredoc glued to redirect', F + 'RUN cat <<EOF>/x\nhello\nEOF\nEOF>/x\n'],
    ['here-string is not a heredoc', F + 'RUN cat <<<EOF\nUSER 1\n'],
    ['four < then blanks', F + 'RUN cat <<<<  EOF\nUSER 1\n'],
    ['heredoc glued to a word', F + 'RUN cat a<<EOF\nx\nEOF\n'],
    ['heredoc with CR between << and name', F + 'RUN cat <<\rEOF\nx\nEOF\n'],
    ['heredoc name ended by NBSP', F + 'RUN cat <<EOF\u00a0x\nx\nEOF\n'],
    ['heredoc after NBSP', F + 'RUN cat\u00a0<<EOF\nx\nEOF\n'],
    ['heredoc with BOM in name', F + 'RUN cat <<\ufeffEOF\nx\nEOF\n\ufeffEOF\n'],
    ['heredoc name with backtick', F + 'RUN cat <<E`F\nx\nE`F\n'],
    ['heredoc with empty body', F + 'RUN <<EOF\nEOF\n'],
    ['heredoc unterminated', F + 'RUN <<EOF\necho hi\n'],
    ['heredoc unterminated (second of two)', F + 'RUN <<A <<B\na\nA\nb\n'],
    ['heredoc terminator with trailing space', F + 'RUN <<EOF\nx\nEOF \nEOF\n'],
    ['heredoc terminator with CRLF', F + 'RUN <<EOF\r\nx\r\nEOF\r\n'],
    ['heredoc terminator at EOF without newline', F + 'RUN <<EOF\nx\nEOF'],
    ['heredoc body with comment and continuation chars', F + 'RUN <<EOF\n# not a comment \\\nFROM x\nEOF\nUSER 1\n'],
    ['heredoc in COPY', F + 'COPY <<EOF /etc/config\nk=v\nEOF\n'],
    ['heredoc in COPY with two files', F + 'COPY <<A <<B /dst/\na\nA\nb\nB\n'],
    ['heredoc in ADD', F + 'ADD <<EOF /x\ny\nEOF\n'],
    ['heredoc as COPY destination', F + 'COPY a <<EOF\nx\nEOF\n'],
    ['heredoc in JSON form is not read', F + 'RUN ["cat", "<<EOF"]\nUSER 1\n'],
    ['heredoc in CMD is not read', F + 'CMD cat <<EOF\nUSER 1\n'],
    ['heredoc in ENTRYPOINT is not read', F + 'ENTRYPOINT cat <<EOF\nUSER 1\n'],
    ['heredoc in ONBUILD RUN', F + 'ONBUILD RUN <<EOF\necho\nEOF\n'],
    ['heredoc in ONBUILD JSON RUN is not read', F + 'ONBUILD RUN ["<<EOF"]\nUSER 1\n'],
    ['heredoc marker in double quotes', F + 'RUN echo "<<EOF"\nUSER 1\n'],
    ['heredoc marker in single quotes', F + "RUN echo '<<EOF'\nUSER 1\n"],
    ['heredoc and unmatched quote on the line', F + 'RUN <<EOF echo "it\nx\nEOF\n'],
    ['heredoc and apostrophe on the line', F + "RUN <<EOF echo it's\nx\nEOF\n"],
    ['heredoc with variable delimiter', F + 'RUN <<$END\nx\n$END\n'],
    ['heredoc with braced variable delimiter', F + 'RUN <<${END}\nx\n${END}\n'],
    ['heredoc with modifier variable delimiter', F + 'RUN <<${END:-x}\nx\n${END:-x}\n'],
    ['heredoc prefix lost to nested expansion', F + 'RUN <<EOF${A:-b}\nx\nEOF${A:-b}\n${A:-b}\n'],
    ['heredoc with bad substitution on the line', F + 'RUN <<EOF echo ${}\nx\nEOF\n'],
    ['heredoc empty quoted delimiter', F + 'RUN <<""\nx\n\n'],
    ['heredoc delimiter with space in quotes', F + 'RUN <<"A B"\nx\nA B\n'],
    ['heredoc across a continuation', F + 'RUN <<EOF \\\n  cat\nx\nEOF\n'],
    ['heredoc marker only after continuation', F + 'RUN cat \\\n <<EOF\nx\nEOF\n'],
    ['heredoc with escape before <<', F + 'RUN \\<<EOF\nUSER 1\n'],
    ['heredoc in lower-case run', F + 'run <<EOF\nx\nEOF\n'],
    ['heredoc line with nested substitutions', F + 'RUN <<EOF ' + '${a:-'.repeat(50) + '}'.repeat(50) + '\nx\nEOF\n'],
    ['heredoc line with pattern substitutions', F + 'RUN <<EOF echo ${a#*} ${b%%x} ${c/a/b} ${d//a/b} ${e:+y} ${f?err}\nx\nEOF\n'],
    ['heredoc line with unsupported modifier', F + 'RUN <<EOF echo ${a!}\nx\nEOF\n'],
    ['heredoc line with special parameters', F + 'RUN <<EOF echo $@ $1 $$ ${10}\nx\nEOF\n'],
    ['heredoc body with CRLF lines', F + 'RUN <<EOF\r\na\r\nb\r\nEOF\r\nUSER 1\r\n'],
    ['heredoc with digits delimiter', F + 'RUN <<123\nx\n123\n'],
    ['heredoc in flags value', F + 'RUN --mount=type=bind,target=<<EOF true\nx\nEOF\n'],
    ['heredoc line with backtick escape', '# escape=`\nFROM scratch\nRUN <<EOF `\n  cat\nx\nEOF\n'],

    // --- JSON (exec) form
    ['exec form', F + 'CMD ["/app", "-v"]\n'],
    ['exec form with spaces', F + 'CMD   [ "/app" ,  "-v" ]  \n'],
    ['exec form empty array', F + 'CMD []\n'],
    ['exec form with unicode escapes', F + 'CMD ["\\u00e9", "\\n", "\\"q\\""]\n'],
    ['exec form with lone surrogate escape', F + 'CMD ["\\ud800"]\n'],
    ['exec form with single quotes is shell form', F + "CMD ['/app']\n"],
    ['exec form with trailing comma is shell form', F + 'CMD ["/app",]\n'],
    ['exec form with trailing text is shell form', F + 'CMD ["/app"] x\n'],
    ['exec form with a number', F + 'CMD ["/app", 1]\n'],
    ['exec form with null', F + 'CMD [null]\n'],
    ['exec form with nested array', F + 'CMD [["a"]]\n'],
    ['exec form with huge number', F + 'CMD ["a", 1e400]\n'],
    ['exec form with object', F + 'CMD [{"a": 1}]\n'],
    ['exec form nested 10000 deep', F + 'CMD ' + '['.repeat(10000) + ']'.repeat(10000) + '\n'],
    ['exec form nested 10001 deep', F + 'CMD ' + '['.repeat(10001) + ']'.repeat(10001) + '\n'],
    ['exec form nested 10001 deep with objects', F + 'CMD [' + '{"a":'.repeat(10000) + '1' + '}'.repeat(10000) + ']\n'],
    ['exec form with escaped surrogate pair', F + 'CMD ["\\ud83d\\ude00"]\n'],
    ['exec form with -0 and exponent', F + 'CMD ["a", -0, 1.5e+300]\n'],
    ['exec form with leading zero', F + 'CMD ["a", 01]\n'],
    ['exec form not starting with [', F + 'CMD "/app"\n'],
    ['exec form with NBSP before [', F + 'CMD \u00a0["/app"]\n'],
    ['exec form with raw tab inside string', F + 'CMD ["a\tb"]\n'],
    ['exec form over continuation', F + 'CMD ["/app", \\\n  "-v"]\n'],
    ['ENTRYPOINT exec form', F + 'ENTRYPOINT ["/app"]\n'],
    ['RUN exec form', F + 'RUN ["go", "build"]\n'],
    ['SHELL exec form', F + 'SHELL ["/bin/sh", "-c"]\n'],
    ['SHELL shell form', F + 'SHELL /bin/sh -c\n'],
    ['SHELL empty array', F + 'SHELL []\n'],
    ['COPY JSON form', F + 'COPY ["a b", "/c d/"]\n'],
    ['COPY JSON form with one element', F + 'COPY ["a"]\n'],
    ['VOLUME JSON form', F + 'VOLUME ["/data", "/logs"]\n'],
    ['VOLUME JSON with empty string', F + 'VOLUME ["/data", " "]\n'],
    ['VOLUME shell form', F + 'VOLUME /data /logs\n'],
    ['CMD shell form with JSON-looking text', F + 'CMD [ "unterminated\n'],
    ['CMD without arguments', F + 'CMD\n'],

    // --- ENV / LABEL / ARG
    ['ENV key=value pairs', F + 'ENV A=1 B="two words" C=\'x\' D=\n'],
    ['ENV legacy form', F + 'ENV GOFLAGS -trimpath -mod=readonly\n'],
    ['ENV legacy form with one word', F + 'ENV ONLYKEY\n'],
    ['ENV legacy with tab', F + 'ENV A\tb c\n'],
    ['ENV mixed forms', F + 'ENV A=1 B\n'],
    ['ENV blank name', F + 'ENV =x\n'],
    ['ENV without arguments', F + 'ENV\n'],
    ['ENV escaped space', F + 'ENV A=a\\ b C=d\n'],
    ['ENV escaped quote', F + 'ENV A=\\"x B="y\\"z"\n'],
    ['ENV quote with embedded =', F + 'ENV "A=1" B=2\n'],
    ['ENV escape at end', F + 'ENV A=1\\'],
    ['ENV with unicode spaces', F + 'ENV A=1\u00a0B=2\n'],
    ['ENV legacy with unicode space', F + 'ENV A\u00a0b\n'],
    ['ENV single quote with escape', F + "ENV A='a\\' B=c\n"],
    ['ENV over continuation', F + 'ENV A=1 \\\n    B=2 \\\n    C=3\n'],
    ['ENV with backtick escape', '# escape=`\nFROM scratch\nENV A=a` b C=d\\e\n'],
    ['LABEL forms', F + 'LABEL a=b "c d"="e f" g\n'],
    ['LABEL legacy', F + 'LABEL maintainer someone@example.com\n'],
    ['ARG forms', 'ARG A\nARG B=2 C="x y" D=\nFROM scratch\nARG A\n'],
    ['ARG blank name', 'ARG =x\nFROM scratch\n'],
    ['ARG without arguments', 'ARG\nFROM scratch\n'],
    ['ARG quoted name', 'ARG "A"=1\nFROM scratch\n'],

    // --- the others
    ['HEALTHCHECK CMD', F + 'HEALTHCHECK --interval=30s --timeout=3s --retries=3 CMD ["/app", "health"]\n'],
    ['HEALTHCHECK shell', F + 'HEALTHCHECK CMD curl -f http://localhost/\n'],
    ['HEALTHCHECK NONE', F + 'HEALTHCHECK NONE\n'],
    ['HEALTHCHECK none lower-case', F + 'HEALTHCHECK none\n'],
    ['HEALTHCHECK NONE with arguments', F + 'HEALTHCHECK NONE x\n'],
    ['HEALTHCHECK NONE with unknown flag', F + 'HEALTHCHECK --foo NONE\n'],
    ['HEALTHCHECK without arguments', F + 'HEALTHCHECK\n'],
    ['HEALTHCHECK CMD without command', F + 'HEALTHCHECK CMD\n'],
    ['HEALTHCHECK CMD empty JSON', F + 'HEALTHCHECK CMD []\n'],
    ['HEALTHCHECK unknown type', F + 'HEALTHCHECK RUN x\n'],
    ['HEALTHCHECK all duration flags', F + 'HEALTHCHECK --interval=1m30s --timeout=1.5s --start-period=0 --start-interval=2ms CMD x\n'],
    ['HEALTHCHECK duration below 1ms', F + 'HEALTHCHECK --interval=999us CMD x\n'],
    ['HEALTHCHECK duration exactly 1ms', F + 'HEALTHCHECK --interval=1000us CMD x\n'],
    ['HEALTHCHECK duration micro sign', F + 'HEALTHCHECK --interval=5000\u00b5s CMD x\n'],
    ['HEALTHCHECK duration negative', F + 'HEALTHCHECK --interval=-5s CMD x\n'],
    ['HEALTHCHECK duration without unit', F + 'HEALTHCHECK --interval=5 CMD x\n'],
    ['HEALTHCHECK duration zero with unit', F + 'HEALTHCHECK --interval=0s CMD x\n'],
    ['HEALTHCHECK duration fraction only', F + 'HEALTHCHECK --interval=.5s CMD x\n'],
    ['HEALTHCHECK duration dot only', F + 'HEALTHCHECK --interval=.s CMD x\n'],
    ['HEALTHCHECK duration overflow', F + 'HEALTHCHECK --interval=9999999999999h CMD x\n'],
    ['HEALTHCHECK duration unknown unit', F + 'HEALTHCHECK --interval=5d CMD x\n'],
    ['HEALTHCHECK retries negative', F + 'HEALTHCHECK --retries=-1 CMD x\n'],
    ['HEALTHCHECK retries not a number', F + 'HEALTHCHECK --retries=three CMD x\n'],
    ['HEALTHCHECK retries too large', F + 'HEALTHCHECK --retries=4294967296 CMD x\n'],
    ['HEALTHCHECK retries with plus', F + 'HEALTHCHECK --retries=+3 CMD x\n'],
    ['HEALTHCHECK type with NBSP byte', F + 'HEALTHCHECK CMD\u00a0x\n'],
    ['HEALTHCHECK type with U+0800', F + 'HEALTHCHECK C\u0800MD x\n'],
    ['ONBUILD RUN', F + 'ONBUILD RUN go build\n'],
    ['ONBUILD COPY with flags', F + 'ONBUILD COPY --from=build a b\n'],
    ['ONBUILD ONBUILD', F + 'ONBUILD ONBUILD RUN x\n'],
    ['ONBUILD FROM', F + 'ONBUILD FROM x\n'],
    ['ONBUILD MAINTAINER', F + 'ONBUILD MAINTAINER me\n'],
    ['ONBUILD unknown trigger', F + 'ONBUILD FOO bar\n'],
    ['ONBUILD without trigger', F + 'ONBUILD\n'],
    ['ONBUILD ENV legacy error', F + 'ONBUILD ENV A\n'],
    ['ONBUILD CMD JSON', F + 'ONBUILD CMD ["a"]\n'],
    ['ONBUILD chained through a dotted capital I', F + 'ONBUILD ONBU\u0130LD RUN x\n'],
    ['ONBUILD chained three deep', F + 'ONBUILD ONBU\u0130LD ONBU\u0130LD COPY --from=a b c\n'],
    ['ONBUILD COPY heredoc', F + 'ONBUILD COPY <<EOF /x\ny\nEOF\n'],
    ['ONBUILD ENV pairs', F + 'ONBUILD ENV A=1 B="x y"\n'],
    ['ONBUILD ENV legacy', F + 'ONBUILD ENV A some value\n'],
    ['ONBUILD LABEL', F + 'ONBUILD LABEL a=b\n'],
    ['ONBUILD chained ENV', F + 'ONBUILD ONBU\u0130LD ENV A=1\n'],
    ['ONBUILD ENV without arguments', F + 'ONBUILD ENV\n'],
    ['EXPOSE', F + 'EXPOSE 80/tcp 443\n'],
    ['EXPOSE without ports', F + 'EXPOSE\n'],
    ['USER numeric', F + 'USER 65534:65534\n'],
    ['USER with two words', F + 'USER a b\n'],
    ['USER without argument', F + 'USER\n'],
    ['WORKDIR with spaces', F + 'WORKDIR /a b\n'],
    ['WORKDIR without argument', F + 'WORKDIR\n'],
    ['STOPSIGNAL', F + 'STOPSIGNAL SIGTERM\n'],
    ['STOPSIGNAL without argument', F + 'STOPSIGNAL\n'],
    ['MAINTAINER', F + 'MAINTAINER Someone <a@b.c>\n'],
    ['MAINTAINER without argument', F + 'MAINTAINER\n'],
    ['VOLUME without argument', F + 'VOLUME\n'],
    ['COPY without destination', F + 'COPY a\n'],
    ['COPY without arguments', F + 'COPY\n'],
    ['ADD without destination', F + 'ADD a\n'],
    ['ADD URL', F + 'ADD https://example.com/x.tar.gz /x\n'],

    // --- line length (bufio.Scanner: 64 KiB)
    ['long line just under the limit', F + 'RUN echo ' + 'a'.repeat(65535 - 9) + '\n'],
    ['long line at the limit', F + 'RUN echo ' + 'a'.repeat(65536 - 9) + '\n'],
    ['long line of multi-byte characters', F + 'RUN echo ' + 'é'.repeat(33000) + '\n'],
    ['long last line without newline', F + 'RUN echo ' + 'a'.repeat(65536 - 9)],
    ['long heredoc line', F + 'RUN <<EOF\n' + 'b'.repeat(70000) + '\nEOF\n'],
  ];
  return cases.map(([name, text]) => ({ name, text }));
}

/** A small seeded PRNG (mulberry32), so generated sets are reproducible. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Lines (some with bodies) that combine into tricky files. */
const FRAGMENTS: string[] = [
  'FROM golang:1.26.8-alpine3.23 AS build',
  'FROM scratch',
  'from --platform=$BUILDPLATFORM alpine:3.23 as Tools',
  'ARG GO_VERSION=1.26.8',
  'ARG A B=2 C="x y"',
  'ENV CGO_ENABLED=0 GOFLAGS="-trimpath"',
  'ENV LEGACY value with spaces',
  'LABEL a=b "c d"=e',
  'WORKDIR /src',
  'COPY go.mod go.sum* ./',
  'COPY --from=build --chown=65534:65534 /out/app /app',
  'COPY --link --chmod=0755 ["a b", "/c/"]',
  'ADD --checksum=sha256:abc https://example.com/x /x',
  'RUN go mod download && go mod verify',
  'RUN --mount=type=cache,target=/root/.cache/go-build \\\n    go build -ldflags="-s -w" -o /out/app .',
  'RUN apk add --no-cache tzdata \\\n# comment inside\n\n    ca-certificates',
  'RUN <<EOF\nset -e\necho "$HOME"\nEOF',
  'RUN <<-EOT cat\n\tindented\n\tEOT',
  "COPY <<'CONF' /etc/app.conf\nkey=${VALUE}\nCONF",
  'RUN 3<<A <<B cat /dev/fd/3\na\nA\nb\nB',
  'RUN << X\nspaced\nX',
  'USER 65534:65534',
  'USER nobody',
  'EXPOSE 8080',
  'HEALTHCHECK --interval=30s CMD ["/app", "-health"]',
  'HEALTHCHECK NONE',
  'ENTRYPOINT ["/app"]',
  'CMD ["--port", "8080"]',
  'CMD /app --port 8080',
  'SHELL ["/bin/ash", "-eo", "pipefail", "-c"]',
  'ONBUILD RUN echo hi',
  'STOPSIGNAL SIGINT',
  'VOLUME /data',
  '# a comment',
  '   # indented comment',
  '',
  '   ',
  '\t',
  'RUN echo \\\\',
  'RUN echo `',
  'RUN a \\',
  '\\',
  'RUN ["sh", "-c", "echo <<EOF"]',
  'CMD ["unterminated',
  'ENV A=\'x',
  'RUN echo "<<EOF"',
  'COPY a',
  'FOO bar',
  'RUN --network=none true',
  'RUN --mount=from=build,target=/x true',
  'EOF',
  'A',
];

const NEWLINES = ['\n', '\n', '\n', '\r\n'];

/** Random files of fragments, sometimes behind directives, a BOM or a backtick escape. */
export function combinationCases(count: number, seed = 20261126): EdgeCase[] {
  const rnd = seededRandom(seed);
  const pick = <T>(xs: T[]): T => xs[Math.floor(rnd() * xs.length)];
  const out: EdgeCase[] = [];
  for (let i = 0; i < count; i++) {
    const nl = pick(NEWLINES);
    const lines: string[] = [];
    if (rnd() < 0.2) lines.push(pick(['# syntax=docker/dockerfile:1', '# escape=`', '# check=skip=all', '#escape=\\']));
    if (rnd() < 0.8) lines.push(pick(FRAGMENTS.slice(0, 3)));
    const n = 1 + Math.floor(rnd() * 12);
    for (let j = 0; j < n; j++) lines.push(pick(FRAGMENTS));
    let text = lines.join('\n').split('\n').join(nl);
    if (rnd() < 0.8) text += nl;
    if (rnd() < 0.05) text = '\ufeff' + text;
    out.push({ name: `combination #${i}`, text });
  }
  return out;
}

/** Characters that matter to the parser, for mutations. */
export const TRICKY_CHARS = [
  '\\', '`', '\n', '\r\n', '<<', '<<-', '3<<', '"', "'", '#', ' ', '\t', '--', '=', ',', '[', ']', '["a"]', '$', '${a:-', '{', '}',
  '\u0000', '\u00a0', '\u0085', '\u3000', '\ufeff', 'é', '😀', '-', '\\\n', '`\n', ' \\', 'EOF\n',
  '# escape=`\n', 'ONBUILD ', 'RUN <<EOF ', 'COPY --from=a ', 'HEALTHCHECK --interval=1s ', 'ENV ', 'ARG ', '--mount=', 'FROM x AS ',
];

/** Random insert/delete/duplicate mutations of real files. */
export function mutationCases(sources: EdgeCase[], count: number, seed = 4242): EdgeCase[] {
  const rnd = seededRandom(seed);
  const out: EdgeCase[] = [];
  for (let i = 0; i < count; i++) {
    const src = sources[i % sources.length];
    let text = src.text;
    const edits = 1 + Math.floor(rnd() * 4);
    for (let e = 0; e < edits; e++) text = mutate(text, rnd);
    out.push({ name: `mutation #${i} of ${src.name}`, text });
  }
  return out;
}

/** One random edit: insert a tricky string, delete a span, or duplicate a span. */
export function mutate(text: string, rnd: () => number): string {
  const at = Math.floor(rnd() * (text.length + 1));
  const kind = rnd();
  if (kind < 0.5) {
    const s = TRICKY_CHARS[Math.floor(rnd() * TRICKY_CHARS.length)];
    return text.slice(0, at) + s + text.slice(at);
  }
  const len = 1 + Math.floor(rnd() * 20);
  if (kind < 0.75) return text.slice(0, at) + text.slice(at + len);
  return text.slice(0, at) + text.slice(at, at + len) + text.slice(at);
}
