// The root-package service of Docker's Go guide, reduced to what the replay needs.
package main

import (
	"fmt"
	"os"
)

func main() {
	if len(os.Args) > 1 && os.Args[1] == "version" {
		fmt.Println("docker-gs-ping")
		return
	}
	fmt.Println("listening on :8080")
}
