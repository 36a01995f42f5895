// Package library embeds tfgate's Rego library: lib/ helpers, rules by
// provider and family, the input JSON schema and the Rego tests.
package library

import "embed"

// FS holds every file of the library.
//
//go:embed lib rules schema main
var FS embed.FS
