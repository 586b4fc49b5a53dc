package codec

import "testing"

func TestName(t *testing.T) {
	if Name == "" {
		t.Fatal("codec name is empty")
	}
}
