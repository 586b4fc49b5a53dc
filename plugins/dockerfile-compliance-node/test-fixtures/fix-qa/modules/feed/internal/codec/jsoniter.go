//go:build jsoniter

package codec

const Name = "jsoniter"
