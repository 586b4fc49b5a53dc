module hardened-go.test/image-probe

go 1.24
