// Uses a vendored dependency, so the replay proves -mod=vendor survived the rewrite.
package main

import (
	"fmt"

	"github.com/google/go-cmp/cmp"
)

func main() {
	fmt.Printf("diff-empty=%t\n", cmp.Diff([]string{"a"}, []string{"a"}) == "")
}
