package tfgate.rules.aws.encryption.msk_in_transit_test

import data.tfgate.rules.aws.encryption.msk_in_transit as rule
import data.tfgate.test

msk(transit) := test.res("aws_msk_cluster", "k", {"encryption_info": [{"encryption_in_transit": transit}]})

test_plaintext_denied if {
	rule.deny == {
		{"resource": "aws_msk_cluster.k", "message": "aws_msk_cluster.k accepts plaintext client connections (client_broker = \"TLS_PLAINTEXT\")", "attribute": "encryption_info[0].encryption_in_transit[0].client_broker"},
		{"resource": "aws_msk_cluster.k", "message": "aws_msk_cluster.k does not encrypt traffic between brokers (in_cluster = false)", "attribute": "encryption_info[0].encryption_in_transit[0].in_cluster"},
	} with input as test.doc([msk([{"client_broker": "TLS_PLAINTEXT", "in_cluster": false}])])
}

test_tls_allowed if {
	count(rule.deny) == 0 with input as test.doc([msk([{"client_broker": "TLS", "in_cluster": true}])])
}

test_defaults_allowed if {
	count(rule.deny) == 0 with input as test.doc([test.res("aws_msk_cluster", "k", {"encryption_info": []})])
	count(rule.unknown) == 0 with input as test.doc([test.res("aws_msk_cluster", "k", {"encryption_info": []})])
	count(rule.deny) == 0 with input as test.doc([msk([])])
}

test_unknown_is_indeterminate if {
	r := test.with_unknown(msk([{"client_broker": null, "in_cluster": true}]), {"encryption_info": [{"encryption_in_transit": [{"client_broker": true}]}]})
	count(rule.deny) == 0 with input as test.doc([r])
	count(rule.unknown) == 1 with input as test.doc([r])
}

test_deleted_not_checked if {
	count(rule.deny) == 0 with input as test.doc([test.deleted(msk([{"client_broker": "PLAINTEXT", "in_cluster": false}]))])
}
