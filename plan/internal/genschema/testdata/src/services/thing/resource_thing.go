// A made-up provider resource in the shape of the google provider's
// SDKv2 code: the source genschema reads Optional+Computed blocks from.
package thing

import "github.com/hashicorp/terraform-plugin-sdk/v2/helper/schema"

func ResourceThing() *schema.Resource {
	return &schema.Resource{
		Schema: map[string]*schema.Schema{
			"name": {Type: schema.TypeString, Required: true},
			// Optional+Computed block written in place.
			"scheduling": {
				Type:     schema.TypeList,
				Optional: true,
				Computed: true,
				Elem: &schema.Resource{
					Schema: map[string]*schema.Schema{
						"preemptible": {Type: schema.TypeBool, Optional: true},
						// A nested block that is not computed.
						"node_affinities": {
							Type:     schema.TypeSet,
							Optional: true,
							Elem: &schema.Resource{
								Schema: map[string]*schema.Schema{
									"key": {Type: schema.TypeString, Required: true},
								},
							},
						},
					},
				},
			},
			// Optional only.
			"encryption": {
				Type:     schema.TypeList,
				Optional: true,
				Elem: &schema.Resource{
					Schema: map[string]*schema.Schema{
						"kms_key_name": {Type: schema.TypeString, Required: true},
					},
				},
			},
			// Returned by a package function.
			"node_config": schemaNodeConfig(),
			// Nested schema in a package variable.
			"access": {
				Type:     schema.TypeSet,
				Optional: true,
				Computed: true,
				Elem:     accessSchema(),
			},
		},
	}
}
