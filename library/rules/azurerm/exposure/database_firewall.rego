# METADATA
# title: Database firewall rules must not open the server to the internet
# description: |
#   A server-level firewall rule whose IPv4 range (`start_ip_address` -
#   `end_ip_address`; `start_ip` - `end_ip` for Redis) is the internet
#   fails: 0.0.0.0-255.255.255.255, or any range that covers a wide part of
#   public address space (the lib CIDR helpers: the range is split into the
#   CIDRs that cover it exactly, and private and reserved space does not
#   count). A partner's range or a private range passes. Covered:
#   azurerm_mssql_firewall_rule, azurerm_sql_firewall_rule (legacy),
#   azurerm_postgresql_flexible_server_firewall_rule,
#   azurerm_mysql_flexible_server_firewall_rule,
#   azurerm_postgresql_firewall_rule, azurerm_mysql_firewall_rule,
#   azurerm_mariadb_firewall_rule, azurerm_cosmosdb_postgresql_firewall_rule,
#   azurerm_synapse_firewall_rule and azurerm_redis_firewall_rule.
#
#   The rule 0.0.0.0-0.0.0.0 ("Allow Azure services and resources to access
#   this server") is not the internet and is not reported here, although it
#   admits every Azure tenant's services (CIS 4.3.7 asks to remove it for
#   PostgreSQL). Indeterminate: an address known only after apply.
# custom:
#   id: TFG-AZURE-EXPOSURE-002
#   severity: critical
#   family: exposure
#   resource_types: [azurerm_mssql_firewall_rule, azurerm_sql_firewall_rule, azurerm_postgresql_flexible_server_firewall_rule, azurerm_mysql_flexible_server_firewall_rule, azurerm_postgresql_firewall_rule, azurerm_mysql_firewall_rule, azurerm_mariadb_firewall_rule, azurerm_cosmosdb_postgresql_firewall_rule, azurerm_synapse_firewall_rule, azurerm_redis_firewall_rule]
#   frameworks:
#     cis-azure-foundations-v2.1.0: ["4.1.2"]
#     nist-800-53: ["SC-7", "AC-3"]
#   remediation: |
#     Allow only the addresses that need the server (an office or a NAT
#     gateway's address), or turn public network access off and use a
#     private endpoint.
package tfgate.rules.azurerm.exposure.database_firewall

import data.tfgate.lib

# type: [start attribute, end attribute].
_types := {
	"azurerm_mssql_firewall_rule": ["start_ip_address", "end_ip_address"],
	"azurerm_sql_firewall_rule": ["start_ip_address", "end_ip_address"],
	"azurerm_postgresql_flexible_server_firewall_rule": ["start_ip_address", "end_ip_address"],
	"azurerm_mysql_flexible_server_firewall_rule": ["start_ip_address", "end_ip_address"],
	"azurerm_postgresql_firewall_rule": ["start_ip_address", "end_ip_address"],
	"azurerm_mysql_firewall_rule": ["start_ip_address", "end_ip_address"],
	"azurerm_mariadb_firewall_rule": ["start_ip_address", "end_ip_address"],
	"azurerm_cosmosdb_postgresql_firewall_rule": ["start_ip_address", "end_ip_address"],
	"azurerm_synapse_firewall_rule": ["start_ip_address", "end_ip_address"],
	"azurerm_redis_firewall_rule": ["start_ip", "end_ip"],
}

_rules := [[r, attrs] |
	some t, attrs in _types
	some r in lib.resources_of_type(t)
]

deny contains lib.entry(r, msg, attrs[0]) if {
	some [r, attrs] in _rules
	start := object.get(lib.after(r), attrs[0], null)
	end := object.get(lib.after(r), attrs[1], null)
	cidrs := lib.azure_range_cidrs(start, end)
	lib.is_internet(cidrs)
	msg := sprintf("%s opens the server to the internet: %s - %s", [r.address, start, end])
}

unknown contains lib.entry(r, msg, a) if {
	some [r, attrs] in _rules
	some a in attrs
	lib.is_unknown(r, [a])
	msg := sprintf("%s: its address range is known only after apply", [r.address])
}
