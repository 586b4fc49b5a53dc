// Prints the link-time variables the Dockerfile sets with -X, so the replay can check them.
package main

import "fmt"

var (
	version = "unset"
	commit  = "unset"
	date    = "unset"
)

func main() {
	fmt.Printf("version=%s commit=%s date=%s\n", version, commit, date)
}
