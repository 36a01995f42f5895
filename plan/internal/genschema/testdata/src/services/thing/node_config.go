package thing

import "github.com/hashicorp/terraform-plugin-sdk/v2/helper/schema"

func schemaNodeConfig() *schema.Schema {
	return &schema.Schema{
		Type:     schema.TypeList,
		Optional: true,
		Computed: true,
		Elem: &schema.Resource{
			Schema: map[string]*schema.Schema{
				"machine_type": {Type: schema.TypeString, Optional: true},
				// Computed under node_config here, not under other parents.
				"shielded_instance_config": {
					Type:     schema.TypeList,
					Optional: true,
					Computed: true,
					Elem: &schema.Resource{
						Schema: map[string]*schema.Schema{
							"enable_secure_boot": {Type: schema.TypeBool, Optional: true},
						},
					},
				},
			},
		},
	}
}

var accessFields = map[string]*schema.Schema{
	"role": {Type: schema.TypeString, Optional: true},
}

func accessSchema() *schema.Resource {
	return &schema.Resource{Schema: accessFields}
}
