// buildkit-parser prints how BuildKit itself parses Dockerfiles, in the shape of
// @hardened-go/plugin-dockerfile-compliance-common's ParsedDockerfile, so the TypeScript parser can be
// compared with the reference (test/differential/buildkit-parser.test.ts).
//
// Usage: buildkit-parser FILE...   (or "-" to read one path per line from stdin)
// Output: one JSON object per file, one per line, in input order.
//
//	buildkit-parser --lex   reads {"word","vars","escape"} JSON lines from stdin and prints
//	                        {"result"} or {"error"} per line: BuildKit's shell lexer
//	                        (shell.Lex.ProcessWord), for the expansion differential test.
//
// A file is an error when BuildKit's parser (parser.Parse) or its instructions layer
// (instructions.Parse, which rejects unknown instructions, bad flags, ...) rejects it:
// that is what `docker build` would refuse before running anything.
package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"strings"

	"github.com/moby/buildkit/frontend/dockerfile/command"
	"github.com/moby/buildkit/frontend/dockerfile/instructions"
	"github.com/moby/buildkit/frontend/dockerfile/linter"
	"github.com/moby/buildkit/frontend/dockerfile/parser"
	"github.com/moby/buildkit/frontend/dockerfile/shell"
)

type flag struct {
	Name  string  `json:"name"`
	Value *string `json:"value"`
}

type heredoc struct {
	Name    string `json:"name"`
	Content string `json:"content"`
	Chomp   bool   `json:"chomp"`
	Expand  bool   `json:"expand"`
}

type instruction struct {
	Keyword  string    `json:"keyword"`
	Line     int       `json:"line"`
	EndLine  int       `json:"endLine"`
	Flags    []flag    `json:"flags"`
	Args     []string  `json:"args"`
	JSON     bool      `json:"json"`
	Heredocs []heredoc `json:"heredocs"`
}

type parseError struct {
	Line    int    `json:"line"`
	EndLine int    `json:"endLine"`
	Message string `json:"message"`
}

type result struct {
	File         string            `json:"file"`
	Directives   map[string]string `json:"directives"`
	EscapeChar   string            `json:"escapeChar,omitempty"`
	Instructions []instruction     `json:"instructions"`
	Errors       []parseError      `json:"errors"`
}

type lexCase struct {
	Word   string            `json:"word"`
	Vars   map[string]string `json:"vars"`
	Escape string            `json:"escape"`
}

type lexResult struct {
	Result *string `json:"result,omitempty"`
	Error  *string `json:"error,omitempty"`
}

func lexMain() {
	sc := bufio.NewScanner(os.Stdin)
	sc.Buffer(make([]byte, 64<<20), 64<<20)
	out := bufio.NewWriter(os.Stdout)
	defer out.Flush()
	enc := json.NewEncoder(out)
	for sc.Scan() {
		var c lexCase
		if err := json.Unmarshal(sc.Bytes(), &c); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		escape := '\\'
		if c.Escape == "`" {
			escape = '`'
		}
		env := make([]string, 0, len(c.Vars))
		for k, v := range c.Vars {
			env = append(env, k+"="+v)
		}
		var r lexResult
		word, _, err := shell.NewLex(escape).ProcessWord(c.Word, shell.EnvsFromSlice(env))
		if err != nil {
			msg := err.Error()
			r.Error = &msg
		} else {
			r.Result = &word
		}
		if err := enc.Encode(r); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
	}
	if err := sc.Err(); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}

func main() {
	if len(os.Args) == 2 && os.Args[1] == "--lex" {
		lexMain()
		return
	}
	files := os.Args[1:]
	if len(files) == 1 && files[0] == "-" {
		files = nil
		sc := bufio.NewScanner(os.Stdin)
		sc.Buffer(make([]byte, 1<<20), 1<<20)
		for sc.Scan() {
			if line := sc.Text(); line != "" {
				files = append(files, line)
			}
		}
	}
	out := bufio.NewWriter(os.Stdout)
	defer out.Flush()
	enc := json.NewEncoder(out)
	for _, f := range files {
		data, err := os.ReadFile(f)
		r := result{File: f, Directives: map[string]string{}, Instructions: []instruction{}, Errors: []parseError{}}
		if err != nil {
			r.Errors = append(r.Errors, parseError{Message: err.Error()})
		} else {
			parseOne(data, &r)
		}
		if err := enc.Encode(r); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
	}
}

func parseOne(data []byte, r *result) {
	// The directives as the frontend reads them (syntax, check); escape as the parser uses it.
	for _, key := range []string{"syntax", "escape", "check"} {
		if _, value, _, ok := parser.ParseDirective(key, data); ok {
			r.Directives[key] = value
		}
	}
	res, err := parser.Parse(bytes.NewReader(data))
	if err != nil {
		r.Errors = append(r.Errors, toError(err))
		if res == nil {
			return
		}
	}
	r.EscapeChar = string(res.EscapeToken)
	for _, n := range res.AST.Children {
		r.Instructions = append(r.Instructions, toInstruction(n))
	}
	if len(r.Errors) > 0 {
		return
	}
	// A linter without a Warn callback reports nothing, but (unlike nil) it can merge
	// `# check=` comments without crashing.
	lint := linter.New(&linter.Config{})
	if _, _, err := instructions.Parse(res.AST, lint); err != nil {
		r.Errors = append(r.Errors, toError(err))
	}
}

func toError(err error) parseError {
	pe := parseError{Message: err.Error()}
	var le *parser.LocationError
	if errors.As(err, &le) && len(le.Locations) > 0 && len(le.Locations[0]) > 0 {
		loc := le.Locations[0]
		pe.Line = loc[0].Start.Line
		pe.EndLine = loc[len(loc)-1].End.Line
	}
	return pe
}

func toInstruction(n *parser.Node) instruction {
	keyword := strings.ToUpper(n.Value)
	lower := strings.ToLower(n.Value)
	if _, known := command.Commands[lower]; known {
		keyword = strings.ToUpper(lower)
	}
	ins := instruction{
		Keyword:  keyword,
		Line:     n.StartLine,
		EndLine:  n.EndLine,
		Flags:    []flag{},
		Args:     nodeArgs(n),
		JSON:     n.Attributes["json"],
		Heredocs: []heredoc{},
	}
	// ENV and LABEL nodes are [key, value, delimiter] triples; we report [key, value] pairs.
	if lower == command.Env || lower == command.Label {
		pairs := []string{}
		for i := 0; i+1 < len(ins.Args); i += 3 {
			pairs = append(pairs, ins.Args[i], ins.Args[i+1])
		}
		ins.Args = pairs
	}
	// Flags are split like instructions.BFlags.Parse does: name before the first "=".
	for _, f := range n.Flags {
		name, value, hasValue := strings.Cut(strings.TrimPrefix(f, "--"), "=")
		fl := flag{Name: name}
		if hasValue {
			v := value
			fl.Value = &v
		}
		ins.Flags = append(ins.Flags, fl)
	}
	for _, h := range n.Heredocs {
		ins.Heredocs = append(ins.Heredocs, heredoc{Name: h.Name, Content: h.Content, Chomp: h.Chomp, Expand: h.Expand})
	}
	return ins
}

// nodeArgs is instructions.nodeArgs: the Next chain, with an ONBUILD trigger's keyword
// and arguments inlined.
func nodeArgs(node *parser.Node) []string {
	result := []string{}
	for ; node.Next != nil; node = node.Next {
		arg := node.Next
		if len(arg.Children) == 0 {
			result = append(result, arg.Value)
		} else if len(arg.Children) == 1 {
			result = append(result, arg.Children[0].Value)
			result = append(result, nodeArgs(arg.Children[0])...)
		}
	}
	return result
}
