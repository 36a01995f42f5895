# METADATA
# title: Container images must come from approved registries
# description: |
#   Guardrail for container provenance, switched on by the
#   `allowed_registries` parameter (a list of registry prefixes such as
#   ["123456789012.dkr.ecr.eu-west-1.amazonaws.com/",
#   "public.ecr.aws/myorg/"]); until it is set the rule is reported as not
#   evaluated. A container image fails unless it starts with one of them:
#   the `image` of each container in an aws_ecs_task_definition's
#   `container_definitions` (JSON), aws_lambda_function `image_uri`
#   (package_type Image), the `image_identifier` of an aws_apprunner_service
#   image repository, and the images of an aws_batch_job_definition
#   (`container_properties`, `node_properties` and `ecs_properties` JSON,
#   `eks_properties` containers). References are normalised as Docker does
#   before matching: an image without a registry host is on Docker Hub
#   ("nginx:1.25" is "docker.io/library/nginx:1.25", "bitnami/redis" is
#   "docker.io/bitnami/redis", index.docker.io is docker.io), so allow
#   Docker Hub images with "docker.io/library/" or "docker.io/<org>/". An
#   image passes when its normalised reference starts with an allowed
#   prefix. A prefix matches at a path boundary: without a trailing "/" it
#   matches the image itself or what follows a "/", ":" or "@", so
#   "registry.example.com" never allows "registry.example.com.evil.net/x". A
#   prefix may use `*` for one path component or part of the host
#   ("123456789012.dkr.ecr.*.amazonaws.com/": any region). An image, or a
#   container definitions document, known only after apply (for example
#   built from an aws_ecr_repository's repository_url) is indeterminate.
#   Kubernetes workloads are outside the AWS provider and are not checked.
#   Resources outside the optional `guardrail_scope_tags` parameter (an
#   object of tag key to a value or a list of values, matched against
#   effective tags; unset: every resource is in scope) are not checked, and
#   one whose scope tag is known only after apply is indeterminate instead
#   of failing.
# custom:
#   id: TFG-AWS-SUPPLY-001
#   severity: high
#   family: supply-chain
#   resource_types: [aws_ecs_task_definition, aws_lambda_function, aws_apprunner_service, aws_batch_job_definition]
#   frameworks:
#     nist-800-53: ["CM-7(5)", "SR-3", "SR-11", "SI-7"]
#   params: [allowed_registries]
#   remediation: |
#     Pull the image from an approved registry (mirror public images into
#     your ECR with a pull-through cache), or add the registry to
#     allowed_registries after review.
package tfgate.rules.aws.supply_chain.container_registries

import data.tfgate.lib

_allowed := [p | some p in lib.param("allowed_registries"); is_string(p)] if {
	is_array(lib.param("allowed_registries"))
} else := [p | p := lib.param("allowed_registries"); is_string(p)]

_list(v) := v if is_array(v)

_list(v) := [] if not is_array(v)

# Guardrail scope (lib.in_scope, lib.maybe_in_scope): the rule builds
# _fail and _indeterminate, sets of [resource, message, attribute], and these
# outputs keep what is in scope.

deny contains lib.entry(f[0], f[1], f[2]) if {
	some f in _fail
	lib.in_scope(f[0])
}

unknown contains lib.entry(f[0], f[1], f[2]) if {
	some f in _indeterminate
	lib.in_scope(f[0])
}

unknown contains lib.entry(f[0], sprintf("%s (whether it is in guardrail_scope_tags is known only after apply)", [f[1]]), f[2]) if {
	some f in _fail | _indeterminate
	lib.maybe_in_scope(f[0])
}

# _normalise(image): the image reference with its registry host, as Docker
# resolves it.
_normalise(image) := concat("/", ["docker.io", _hub_path(parts)]) if {
	parts := split(image, "/")
	not _has_host(parts)
} else := concat("/", ["docker.io", _hub_path(array.slice(parts, 1, count(parts)))]) if {
	parts := split(image, "/")
	parts[0] in {"docker.io", "index.docker.io", "registry-1.docker.io"}
} else := image

# A first component is a registry host only when more components follow.
_has_host(parts) if {
	count(parts) > 1
	_is_host(parts[0])
}

_is_host(c) if contains(c, ".")

_is_host(c) if contains(c, ":")

_is_host("localhost")

_hub_path(parts) := concat("/", array.concat(["library"], parts)) if count(parts) == 1

_hub_path(parts) := concat("/", parts) if count(parts) > 1

_approved(image) if {
	n := _normalise(image)
	some p in _allowed
	_matches(n, p)
}

_matches(n, p) if n == p

_matches(n, p) if {
	not contains(p, "*")
	endswith(p, "/")
	startswith(n, p)
}

_matches(n, p) if {
	not contains(p, "*")
	not endswith(p, "/")
	some sep in ["/", ":", "@"]
	startswith(n, concat("", [p, sep]))
}

# A prefix with `*` is a glob over "/"-separated components ("*" stays
# inside one component), followed by anything at a path boundary.
_matches(n, p) if {
	contains(p, "*")
	endswith(p, "/")
	glob.match(concat("", [p, "**"]), ["/"], n)
}

_matches(n, p) if {
	contains(p, "*")
	not endswith(p, "/")
	glob.match(p, ["/"], n)
}

_matches(n, p) if {
	contains(p, "*")
	not endswith(p, "/")
	some sep in ["/", ":", "@"]
	glob.match(concat("", [p, sep, "**"]), ["/"], n)
}

_message(r, where, image) := sprintf("%s %s image %s%s, which is not from an approved registry (allowed: %s)", [r.address, where, image, _resolved(image), concat(", ", _allowed)])

_resolved(image) := "" if _normalise(image) == image

_resolved(image) := sprintf(" (%s)", [_normalise(image)]) if _normalise(image) != image

_on if count(_allowed) > 0

# _obj(v): v when it is an object, else {} (JSON documents written by hand
# may hold anything; object.get on a non-object is an error).
_obj(v) := v if is_object(v)

_obj(v) := {} if not is_object(v)

# JSON documents: the parsed value, or undefined when unknown or invalid.
_json(r, attr) := json.unmarshal(v) if {
	v := object.get(lib.after(r), attr, null)
	is_string(v)
	json.is_valid(v)
}

# ECS task definitions.
_fail contains [r, _message(r, sprintf("runs container %s from", [object.get(_obj(c), "name", "?")]), image), "container_definitions"] if {
	_on
	some r in lib.resources_of_type("aws_ecs_task_definition")
	some c in _list(_json(r, "container_definitions"))
	image := object.get(_obj(c), "image", null)
	is_string(image)
	not _approved(image)
}

_indeterminate contains [r, msg, attr] if {
	_on
	some t, attr in {"aws_ecs_task_definition": "container_definitions", "aws_batch_job_definition": "container_properties"}
	some r in lib.resources_of_type(t)
	lib.is_unknown(r, [attr])
	msg := sprintf("%s: its %s, and so its images, are known only after apply", [r.address, attr])
}

_indeterminate contains [r, msg, attr] if {
	_on
	some t, attr in {"aws_ecs_task_definition": "container_definitions", "aws_batch_job_definition": "container_properties"}
	some r in lib.resources_of_type(t)
	lib.is_redacted(object.get(lib.after(r), attr, null))
	msg := sprintf("%s: its %s is sensitive and cannot be checked", [r.address, attr])
}

# Lambda container images.
_fail contains [r, _message(r, "runs", image), "image_uri"] if {
	_on
	some r in lib.resources_of_type("aws_lambda_function")
	image := object.get(lib.after(r), "image_uri", null)
	is_string(image)
	image != ""
	not _approved(image)
}

_indeterminate contains [r, msg, "image_uri"] if {
	_on
	some r in lib.resources_of_type("aws_lambda_function")
	_image_package(r)
	lib.is_unknown(r, ["image_uri"])
	msg := sprintf("%s: its image_uri is known only after apply", [r.address])
}

_image_package(r) if object.get(lib.after(r), "package_type", null) == "Image"

_image_package(r) if lib.is_unknown(r, ["package_type"])

# App Runner.
_apprunner_path(i, j) := ["source_configuration", i, "image_repository", j, "image_identifier"]

_fail contains [r, _message(r, "runs", image), lib.attr_path(path)] if {
	_on
	some r in lib.resources_of_type("aws_apprunner_service")
	some i, sc in _list(object.get(lib.after(r), "source_configuration", []))
	some j, ir in _list(object.get(sc, "image_repository", []))
	image := object.get(ir, "image_identifier", null)
	is_string(image)
	not _approved(image)
	path := _apprunner_path(i, j)
}

_indeterminate contains [r, msg, lib.attr_path(path)] if {
	_on
	some r in lib.resources_of_type("aws_apprunner_service")
	some i, sc in _list(object.get(lib.after(r), "source_configuration", []))
	some j, _ in _list(object.get(sc, "image_repository", []))
	path := _apprunner_path(i, j)
	lib.is_unknown(r, path)
	msg := sprintf("%s: its image_identifier is known only after apply", [r.address])
}

# Batch job definitions: container_properties, ecs_properties (JSON) and
# eks_properties containers.
_batch_images(r) := {[image, "container_properties"] |
	image := object.get(_obj(_json(r, "container_properties")), "image", null)
	is_string(image)
} | {[image, "ecs_properties"] |
	some tp in _list(object.get(_obj(_json(r, "ecs_properties")), "taskProperties", []))
	some c in _list(object.get(_obj(tp), "containers", []))
	image := object.get(_obj(c), "image", null)
	is_string(image)
} | {[image, "node_properties"] |
	some nr in _list(object.get(_obj(_json(r, "node_properties")), "nodeRangeProperties", []))
	image := object.get(_obj(object.get(_obj(nr), "container", {})), "image", null)
	is_string(image)
} | {[image, lib.attr_path(["eks_properties", i, "pod_properties", j, "containers", k, "image"])] |
	some i, e in _list(object.get(lib.after(r), "eks_properties", []))
	some j, pp in _list(object.get(e, "pod_properties", []))
	some k, c in _list(object.get(pp, "containers", []))
	image := object.get(c, "image", null)
	is_string(image)
}

_fail contains [r, _message(r, "runs", bi[0]), bi[1]] if {
	_on
	some r in lib.resources_of_type("aws_batch_job_definition")
	some bi in _batch_images(r)
	not _approved(bi[0])
}

_indeterminate contains [r, msg, "ecs_properties"] if {
	_on
	some r in lib.resources_of_type("aws_batch_job_definition")
	lib.is_unknown(r, ["ecs_properties"])
	msg := sprintf("%s: its ecs_properties, and so its images, are known only after apply", [r.address])
}
