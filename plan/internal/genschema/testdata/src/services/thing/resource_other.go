package thing

import "github.com/hashicorp/terraform-plugin-sdk/v2/helper/schema"

// The same block under another resource, not computed there.
func ResourceOther() *schema.Resource {
	return &schema.Resource{
		Schema: map[string]*schema.Schema{
			"shielded_instance_config": {
				Type:     schema.TypeList,
				Optional: true,
				Elem: &schema.Resource{
					Schema: map[string]*schema.Schema{
						"enable_secure_boot": {Type: schema.TypeBool, Optional: true},
					},
				},
			},
		},
	}
}
