// Prints the mode set by the prod tag (dev without it) and the codec
// chosen by the jsoniter tag, so the replay proves both tags reached go build.
package main

import (
	"fmt"

	"example.com/feed/internal/codec"
)

func main() {
	fmt.Printf("mode=%s codec=%s\n", mode, codec.Name)
}
