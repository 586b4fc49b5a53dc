// buildkit-lint runs BuildKit's own Dockerfile checks, the rules of `docker build --check`,
// over many files in one process: the benchmark's "buildkit --check" peer (bench/run.js) and
// test/buildkit-lint/lint.test.ts.
//
// Usage: buildkit-lint [--each] FILE...   (or "-" to read one path per line from stdin)
// Output: one JSON summary line
//
//	{"files":N,"warnings":W,"buildErrors":E,"rules":{"FromAsCasing":n,...},"cpuSeconds":c,"seconds":s}
//
// and, with --each, first one JSON line per file, in input order:
//
//	{"file":"...","warnings":[{"rule":"...","line":n,"detail":"..."}],"error":"..."}
//
// Each file goes through dockerfile2llb.DockerfileLint, the function the Dockerfile
// frontend runs for `docker build --check` (the lint subrequest): parser.Parse, a
// linter.Linter configured from the file's `# check=` directive, instructions.Parse(ast,
// lint) (FromAsCasing, StageNameCasing, MaintainerDeprecated, ...), then the conversion to
// LLB with every stage dispatched (JSONArgsRecommended, UndefinedVar, WorkdirRelativePath,
// SecretsUsedInArgOrEnv, LegacyKeyValueFormat, ...). Experimental rules stay off, as in
// `docker build --check`.
//
// Two things differ from a real build, because nothing here may reach a registry or a
// build context: base images are "resolved" by offlineResolver (a config with the target
// platform and only PATH set, GOPATH too for golang images, so InvalidBaseImagePlatform
// never fires and variables that other base images define can show up as UndefinedVar),
// and there is no .dockerignore (CopyIgnoredFile never fires).
//
// cpuSeconds is this process's user + system time from its start (getrusage), seconds
// its wall time from main's start; the benchmark measures the process from outside.
package main

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"sort"
	"syscall"
	"time"

	"github.com/containerd/platforms"
	"github.com/distribution/reference"
	"github.com/moby/buildkit/client/llb"
	"github.com/moby/buildkit/client/llb/sourceresolver"
	"github.com/moby/buildkit/frontend/dockerfile/dockerfile2llb"
	"github.com/moby/buildkit/solver/pb"
	"github.com/moby/buildkit/util/system"
	digest "github.com/opencontainers/go-digest"
)

// offlineResolver answers every base image with the same small config instead of asking a
// registry: the requested platform (or the default one), one layer, PATH only, and for the
// official golang images the variables they define (so $GOPATH is not "undefined").
type offlineResolver struct{}

var golangEnv = []string{
	"PATH=/go/bin:/usr/local/go/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
	"GOLANG_VERSION=1.26.8",
	"GOTOOLCHAIN=local",
	"GOPATH=/go",
}

func (offlineResolver) ResolveImageConfig(_ context.Context, ref string, opt sourceresolver.Opt) (string, digest.Digest, []byte, error) {
	p := platforms.DefaultSpec()
	if opt.ImageOpt != nil && opt.ImageOpt.Platform != nil {
		p = *opt.ImageOpt.Platform
	}
	env := []string{"PATH=" + system.DefaultPathEnv(p.OS)}
	if named, err := reference.ParseNormalizedNamed(ref); err == nil && reference.FamiliarName(named) == "golang" {
		env = golangEnv
	}
	config := map[string]any{
		"architecture": p.Architecture,
		"os":           p.OS,
		"variant":      p.Variant,
		"rootfs":       map[string]any{"type": "layers", "diff_ids": []string{"sha256:" + fmt.Sprintf("%064x", 1)}},
		"config":       map[string]any{"Env": env},
	}
	dt, err := json.Marshal(config)
	return ref, "", dt, err
}

// llbCaps: a current BuildKit daemon supports every LLB capability this module knows.
var llbCaps = pb.Caps.CapSet(pb.Caps.All())

type warning struct {
	Rule   string `json:"rule"`
	Line   int32  `json:"line"`
	Detail string `json:"detail"`
}

type fileResult struct {
	File     string    `json:"file"`
	Warnings []warning `json:"warnings"`
	Error    string    `json:"error,omitempty"`
}

type summary struct {
	Files       int            `json:"files"`
	Warnings    int            `json:"warnings"`
	BuildErrors int            `json:"buildErrors"`
	Rules       map[string]int `json:"rules"`
	CPUSeconds  float64        `json:"cpuSeconds"`
	Seconds     float64        `json:"seconds"`
}

func lintFile(ctx context.Context, path string) fileResult {
	r := fileResult{File: path, Warnings: []warning{}}
	data, err := os.ReadFile(path)
	if err != nil {
		r.Error = err.Error()
		return r
	}
	// The frontend's source map also carries the LLB definition of the context the file was
	// read from (dockerui); the lint results only copy it, so an empty one does.
	smap := llb.NewSourceMap(nil, path, "Dockerfile", data)
	smap.Definition = &llb.Definition{}
	results, err := dockerfile2llb.DockerfileLint(ctx, data, dockerfile2llb.ConvertOpt{
		SourceMap:    smap,
		MetaResolver: offlineResolver{},
		LLBCaps:      &llbCaps,
	})
	if err != nil {
		r.Error = err.Error()
		return r
	}
	for _, w := range results.Warnings {
		var line int32
		if w.Location != nil && len(w.Location.Ranges) > 0 && w.Location.Ranges[0].Start != nil {
			line = w.Location.Ranges[0].Start.Line
		}
		r.Warnings = append(r.Warnings, warning{Rule: w.RuleName, Line: line, Detail: w.Detail})
	}
	if results.Error != nil {
		r.Error = results.Error.Message
	}
	return r
}

func cpuSeconds() float64 {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	tv := func(t syscall.Timeval) float64 { return float64(t.Sec) + float64(t.Usec)/1e6 }
	return tv(ru.Utime) + tv(ru.Stime)
}

func main() {
	start := time.Now()
	args := os.Args[1:]
	each := false
	if len(args) > 0 && args[0] == "--each" {
		each = true
		args = args[1:]
	}
	files := args
	if len(files) == 1 && files[0] == "-" {
		files = nil
		sc := bufio.NewScanner(os.Stdin)
		sc.Buffer(make([]byte, 1<<20), 1<<20)
		for sc.Scan() {
			if line := sc.Text(); line != "" {
				files = append(files, line)
			}
		}
		if err := sc.Err(); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(2)
		}
	}
	out := bufio.NewWriter(os.Stdout)
	defer out.Flush()
	enc := json.NewEncoder(out)
	ctx := context.Background()
	s := summary{Rules: map[string]int{}}
	for _, f := range files {
		r := lintFile(ctx, f)
		s.Files++
		s.Warnings += len(r.Warnings)
		for _, w := range r.Warnings {
			s.Rules[w.Rule]++
		}
		if r.Error != "" {
			s.BuildErrors++
		}
		if each {
			sort.SliceStable(r.Warnings, func(i, j int) bool { return r.Warnings[i].Line < r.Warnings[j].Line })
			if err := enc.Encode(r); err != nil {
				fmt.Fprintln(os.Stderr, err)
				os.Exit(2)
			}
		}
	}
	s.Seconds = time.Since(start).Seconds()
	s.CPUSeconds = cpuSeconds()
	if err := enc.Encode(s); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
}
