package aws.security_group.outbound
import future.keywords
default result = true
ips := ["0.0.0.0/0"]
result = false {
  Input.IpPermissionsEgress[permission]
  unrestrictedDestinationIPs(permission.IpRanges)
}
unrestrictedDestinationIPs(ip_ranges) = true {
  ip_ranges[_] == ips[_]
}
