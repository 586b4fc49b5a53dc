//go:build !jsoniter

package codec

const Name = "encoding/json"
