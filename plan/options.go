package plan

import "io"

// Options control how inputs are read.
type Options struct {
	// Stdin is read when the path is "-".
	Stdin io.Reader
	// TerraformBin is the terraform (or tofu) executable used to show saved
	// binary plans; "" means "terraform" from PATH.
	TerraformBin string
	// ConfigDir is where the .tf files of a plan live when they are not
	// beside the plan file (used only for source locations).
	ConfigDir string
	// Configuration input:
	Vars      map[string]string // --var name=value (raw strings, parsed as HCL)
	VarFiles  []string          // --var-file, in order
	Env       []string          // environment for TF_VAR_name (os.Environ() in main)
	Recursive bool              // evaluate every root module under a directory
	// Limits bound the size of inputs and documents (zero fields: the
	// DefaultLimits).
	Limits Limits
}
