package tfgate.rules.aws.supply_chain.container_registries_test

import data.tfgate.rules.aws.supply_chain.container_registries as rule
import data.tfgate.test

ecr := "123456789012.dkr.ecr.us-east-1.amazonaws.com"

on := {"allowed_registries": [sprintf("%s/", [ecr]), "public.ecr.aws/acme/"]}

task(containers) := test.res("aws_ecs_task_definition", "t", {"container_definitions": json.marshal(containers)})

test_docker_hub_image_denied if {
	r := task([{"name": "app", "image": sprintf("%s/app:1", [ecr])}, {"name": "cache", "image": "redis:7"}])
	rule.deny == {{"resource": "aws_ecs_task_definition.t", "message": "aws_ecs_task_definition.t runs container cache from image redis:7 (docker.io/library/redis:7), which is not from an approved registry (allowed: 123456789012.dkr.ecr.us-east-1.amazonaws.com/, public.ecr.aws/acme/)", "attribute": "container_definitions"}} with input as test.doc([r])
		with data.tfgate.params as on
}

test_approved_images_allowed if {
	r := task([{"name": "app", "image": sprintf("%s/app:1", [ecr])}, {"name": "proxy", "image": "public.ecr.aws/acme/envoy@sha256:abc"}])
	count(rule.deny) == 0 with input as test.doc([r]) with data.tfgate.params as on
	count(rule.unknown) == 0 with input as test.doc([r]) with data.tfgate.params as on
}

test_normalise if {
	rule._normalise("nginx") == "docker.io/library/nginx"
	rule._normalise("redis:7") == "docker.io/library/redis:7"
	rule._normalise("bitnami/redis:7") == "docker.io/bitnami/redis:7"
	rule._normalise("docker.io/nginx:1") == "docker.io/library/nginx:1"
	rule._normalise("index.docker.io/acme/app") == "docker.io/acme/app"
	rule._normalise("ghcr.io/acme/app") == "ghcr.io/acme/app"
	rule._normalise("localhost:5000/app") == "localhost:5000/app"
	rule._normalise("localhost/app") == "localhost/app"
}

test_prefix_boundaries if {
	rule._matches("registry.example.com/app:1", "registry.example.com")
	not rule._matches("registry.example.com.evil.net/app", "registry.example.com")
	rule._matches("public.ecr.aws/acme/app:1", "public.ecr.aws/acme")
	not rule._matches("public.ecr.aws/acmecorp/app:1", "public.ecr.aws/acme")
	rule._matches("docker.io/library/nginx:1.25", "docker.io/library/nginx")
	rule._matches("123456789012.dkr.ecr.eu-west-1.amazonaws.com/app:1", "123456789012.dkr.ecr.*.amazonaws.com/")
	not rule._matches("999999999999.dkr.ecr.eu-west-1.amazonaws.com/app:1", "123456789012.dkr.ecr.*.amazonaws.com/")
	not rule._matches("123456789012.dkr.ecr.eu-west-1.amazonaws.com.evil/app:1", "123456789012.dkr.ecr.*.amazonaws.com")
}

test_docker_hub_allowed_by_normalised_prefix if {
	r := task([{"name": "web", "image": "nginx:1.25"}])
	count(rule.deny) == 0 with input as test.doc([r]) with data.tfgate.params as {"allowed_registries": ["docker.io/library/"]}
}

test_lambda_app_runner_batch_denied if {
	docs := test.doc([
		test.res("aws_lambda_function", "f", {"package_type": "Image", "image_uri": "ghcr.io/someone/fn:2"}),
		test.res("aws_lambda_function", "zip", {"package_type": "Zip", "image_uri": null}),
		test.res("aws_apprunner_service", "s", {"source_configuration": [{"image_repository": [{"image_identifier": "public.ecr.aws/other/web:latest"}]}]}),
		test.res("aws_batch_job_definition", "j", {"container_properties": json.marshal({"image": "busybox"}), "eks_properties": [{"pod_properties": [{"containers": [{"image": "quay.io/x/y:1"}]}]}]}),
	])
	{[d.resource, d.attribute] | some d in rule.deny} == {
		["aws_lambda_function.f", "image_uri"],
		["aws_apprunner_service.s", "source_configuration[0].image_repository[0].image_identifier"],
		["aws_batch_job_definition.j", "container_properties"],
		["aws_batch_job_definition.j", "eks_properties[0].pod_properties[0].containers[0].image"],
	} with input as docs
		with data.tfgate.params as on
}

test_unknown_is_indeterminate if {
	t := test.with_unknown(test.res("aws_ecs_task_definition", "t", {}), {"container_definitions": true})
	f := test.with_unknown(test.res("aws_lambda_function", "f", {"package_type": "Image"}), {"image_uri": true})
	count(rule.deny) == 0 with input as test.doc([t, f]) with data.tfgate.params as on
	{d.resource | some d in rule.unknown} == {"aws_ecs_task_definition.t", "aws_lambda_function.f"} with input as test.doc([t, f]) with data.tfgate.params as on
}

test_deleted_not_checked if {
	r := test.deleted(task([{"name": "cache", "image": "redis:7"}]))
	count(rule.deny) == 0 with input as test.doc([r]) with data.tfgate.params as on
}

test_param_unset_is_silent if {
	r := task([{"name": "cache", "image": "redis:7"}])
	count(rule.deny) == 0 with input as test.doc([r])
	t := test.with_unknown(test.res("aws_ecs_task_definition", "t", {}), {"container_definitions": true})
	count(rule.unknown) == 0 with input as test.doc([t])
}

test_odd_json_is_not_an_error if {
	docs := test.doc([
		test.res("aws_ecs_task_definition", "t", {"container_definitions": "[1, \"x\", {\"image\": \"redis\"}]"}),
		test.res("aws_batch_job_definition", "j", {"container_properties": "[]", "ecs_properties": "{\"taskProperties\": [1, {\"containers\": [\"x\", {\"image\": \"alpine\"}]}]}", "node_properties": "\"x\""}),
		test.res("aws_ecs_task_definition", "bad", {"container_definitions": "not json"}),
	])
	{[d.resource, d.attribute] | some d in rule.deny} == {["aws_ecs_task_definition.t", "container_definitions"], ["aws_batch_job_definition.j", "ecs_properties"]} with input as docs
		with data.tfgate.params as on
}

test_ecs_and_node_properties if {
	j := test.res("aws_batch_job_definition", "j", {
		"container_properties": null,
		"node_properties": json.marshal({"nodeRangeProperties": [{"targetNodes": "0:", "container": {"image": "busybox:1"}}]}),
		"ecs_properties": json.marshal({"taskProperties": [{"containers": [{"name": "a", "image": sprintf("%s/a:1", [ecr])}]}]}),
	})
	{d.attribute | some d in rule.deny} == {"node_properties"} with input as test.doc([j]) with data.tfgate.params as on
}

test_unknown_batch_properties_name_their_attribute if {
	j := test.with_unknown(test.res("aws_batch_job_definition", "j", {}), {"container_properties": true})
	rule.unknown == {{"resource": "aws_batch_job_definition.j", "message": "aws_batch_job_definition.j: its container_properties, and so its images, are known only after apply", "attribute": "container_properties"}} with input as test.doc([j])
		with data.tfgate.params as on
}
