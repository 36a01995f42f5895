# METADATA
# title: Calls the network
# custom:
#   id: TEST-003
#   severity: low
package tfgate.rules.test.x.http

deny contains {"resource": "a", "message": "m"} if {
	http.send({"method": "GET", "url": "https://example.com"}).status_code == 200
}
