# METADATA
# title: Lambda function URLs must require IAM authentication
# description: |
#   An aws_lambda_function_url with `authorization_type = "NONE"` is an
#   HTTPS endpoint anyone on the internet can invoke (Lambda also adds or
#   needs a resource policy allowing principal "*"): the function's own
#   code is then the only access control, and every call is billed to the
#   account. Fails when authorization_type is "NONE"; passes when
#   "AWS_IAM". Indeterminate when the value is known only after apply. A
#   URL meant to be public (a webhook receiver that checks signatures) is a
#   case for a waiver with its reason.
# custom:
#   id: TFG-AWS-EXPOSURE-031
#   severity: medium
#   family: exposure
#   resource_types: [aws_lambda_function_url]
#   frameworks:
#     nist-800-53: ["AC-3", "IA-2", "SC-7"]
#     aws-fsbp: ["Lambda.1"]
#   remediation: |
#     Set `authorization_type = "AWS_IAM"` and sign requests (SigV4), or put
#     the function behind API Gateway or CloudFront with an authorizer; if
#     the URL must be public, waive this rule for it with the reason.
package tfgate.rules.aws.exposure.lambda_url_public

import data.tfgate.lib

deny contains lib.entry(r, msg, "authorization_type") if {
	some r in lib.resources_of_type("aws_lambda_function_url")
	lib.value(r, ["authorization_type"]) == "NONE"
	msg := sprintf("%s lets anyone invoke the function without authentication (authorization_type = \"NONE\")", [r.address])
}

unknown contains lib.entry(r, msg, "authorization_type") if {
	some r in lib.resources_of_type("aws_lambda_function_url")
	lib.is_unknown(r, ["authorization_type"])
	msg := sprintf("%s: authorization_type is known only after apply", [r.address])
}
