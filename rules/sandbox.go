package rules

import (
	"fmt"
	"strings"

	"github.com/open-policy-agent/opa/v1/ast"

	"github.com/tfgate/tfgate/plan"
)

// The policy sandbox. Policies (the library and the user's own) see only
// their input and data.tfgate.params: no file system, network, environment
// or clock, nothing random. The builtins that reach any of those are left
// out of the compiler's capabilities, so a policy that calls one does not
// compile, and the error says why (sandboxMessage). Besides:
//   - print() output is dropped by the engine (print statements are not
//     enabled outside `tfgate test`), so a policy cannot write values to
//     the terminal; its only channel out is a finding's message, built
//     from a document in which sensitive values are already redacted;
//   - evaluation stops at Options.Timeout (see limits.go).

// sandboxDenied maps each builtin that is not available to policies to the
// reason given in the compile error.
var sandboxDenied = map[string]string{
	"http.send":          "they may not reach the network",
	"net.lookup_ip_addr": "they may not reach the network (DNS)",
	"opa.runtime":        "they may not read the environment or tfgate's own configuration",
	// JSON Schema $ref loads file:// URLs from the local file system (and
	// http URLs where the network is allowed): a file-read channel.
	"json.match_schema":  "they may not read files, and a schema's $ref can name a file (file://...)",
	"json.verify_schema": "they may not read files, and a schema's $ref can name a file (file://...)",
	"time.now_ns":        "their verdict may not depend on the clock (compare with a date given as a parameter instead)",
	"rand.intn":          "their verdict may not be random",
	"uuid.rfc4122":       "their verdict may not be random",
	// Signing with ECDSA and RSA-PSS keys draws random numbers.
	"io.jwt.encode_sign":     "their verdict may not be random (it signs with random numbers)",
	"io.jwt.encode_sign_raw": "their verdict may not be random (it signs with random numbers)",
	// These check against the current time.
	"io.jwt.decode_verify":                                   "their verdict may not depend on the clock (it checks tokens against the current time; io.jwt.decode and io.jwt.verify_* are available)",
	"providers.aws.sign_req":                                 "they may not reach the network or the clock (it signs requests for http.send with the current time)",
	"crypto.x509.parse_and_verify_certificates":              "their verdict may not depend on the clock (it checks validity against the current time; crypto.x509.parse_certificates is available)",
	"crypto.x509.parse_and_verify_certificates_with_options": "their verdict may not depend on the clock (it checks validity against the current time; crypto.x509.parse_certificates is available)",
}

// deniedBuiltins is the set of sandboxDenied names.
var deniedBuiltins = func() map[string]bool {
	m := make(map[string]bool, len(sandboxDenied))
	for k := range sandboxDenied {
		m[k] = true
	}
	return m
}()

// sandboxMessage rewrites the compile error of a call of a denied builtin
// as "file:line: http.send is not allowed in tfgate policies: they may not
// reach the network"; false for any other error.
func sandboxMessage(e *ast.Error) (string, bool) {
	name, ok := strings.CutPrefix(e.Message, "undefined function ")
	if !ok {
		return "", false
	}
	reason, ok := sandboxDenied[name]
	if !ok {
		return "", false
	}
	msg := fmt.Sprintf("%s is not allowed in tfgate policies: %s", name, reason)
	if e.Location != nil {
		return fmt.Sprintf("%s:%d: %s", e.Location.File, e.Location.Row, msg), true
	}
	return msg, true
}

// capabilities is this OPA version's builtins without the ones that reach
// the network, the file system, the environment or the clock, and with no
// network host allowed: evaluation is pure.
func capabilities() *ast.Capabilities {
	caps := ast.CapabilitiesForThisVersion()
	kept := caps.Builtins[:0]
	for _, b := range caps.Builtins {
		if !deniedBuiltins[b.Name] {
			kept = append(kept, b)
		}
	}
	caps.Builtins = kept
	caps.AllowNet = []string{}
	return caps
}

// providerCredentials are provider arguments that hold credentials. The
// providers do not all mark them sensitive (hashicorp/aws 5.100.0 marks
// none of access_key, secret_key and token), so Terraform writes a
// hard-coded one in clear in the plan's configuration block; a plan-JSON
// policy receives it as `(sensitive)`.
var providerCredentials = map[string]bool{
	// hashicorp/aws
	"access_key": true, "secret_key": true, "token": true,
	// hashicorp/azurerm
	"client_secret": true, "client_certificate": true, "client_certificate_password": true,
	"oidc_token": true, "oidc_request_token": true,
	// hashicorp/google
	"credentials": true, "access_token": true,
	// common to many providers
	"password": true, "api_key": true, "api_token": true,
}

// redactProviderCredentials replaces the constant values of credential
// arguments in the plan's provider configurations (configuration.
// provider_config and the provider_config of nested blocks) by
// plan.Redacted.
func redactProviderCredentials(p map[string]any) {
	cfg, _ := p["configuration"].(map[string]any)
	pcs, _ := cfg["provider_config"].(map[string]any)
	for _, pc := range pcs {
		m, _ := pc.(map[string]any)
		redactCredentialExpressions(m["expressions"])
	}
}

// redactCredentialExpressions walks an expressions object (attribute name
// to expression, block name to a list of expressions objects).
func redactCredentialExpressions(v any) {
	switch x := v.(type) {
	case map[string]any:
		for k, e := range x {
			em, _ := e.(map[string]any)
			if _, ok := em["constant_value"]; ok && providerCredentials[k] {
				em["constant_value"] = plan.Redacted
				continue
			}
			redactCredentialExpressions(e)
		}
	case []any:
		for _, e := range x {
			redactCredentialExpressions(e)
		}
	}
}
