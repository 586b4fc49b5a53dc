//go:build !prod

package main

const mode = "dev"
