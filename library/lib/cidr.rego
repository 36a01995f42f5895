# CIDR helpers.
#
#   "The internet" is any set of address ranges whose union covers a wide
#   part of public address space: at least as many public addresses as one
#   prefix of length params.internet_min_prefix_v4 (default 8, a /8) for
#   IPv4 or params.internet_min_prefix_v6 (default 16) for IPv6. So
#   0.0.0.0/0, ::/0, 0.0.0.0/1 with 128.0.0.0/1, or 1.0.0.0/8 are the
#   internet; a partner's /32 is not; private, shared (CGNAT), loopback,
#   link-local, multicast and reserved ranges never count.

package tfgate.lib

# Ranges that are never "the internet".
non_public_v4 := [
	"0.0.0.0/8", "10.0.0.0/8", "100.64.0.0/10", "127.0.0.0/8", "169.254.0.0/16",
	"172.16.0.0/12", "192.168.0.0/16", "224.0.0.0/4", "240.0.0.0/4",
]

non_public_v6 := [
	"::/128", "::1/128", "::ffff:0:0/96", "fc00::/7", "fe80::/10", "ff00::/8",
]

_default_min_prefix := {"v4": 8, "v6": 16}

_bits := {"v4": 32, "v6": 128}

# normalize_cidr(c): c as a CIDR ("10.0.0.1" -> "10.0.0.1/32");
# undefined for non-strings, redacted or invalid values.
normalize_cidr(c) := n if {
	is_string(c)
	not is_redacted(c)
	n := _with_prefix(trim_space(c))
	net.cidr_is_valid(n)
}

_with_prefix(c) := c if contains(c, "/")

_with_prefix(c) := sprintf("%s/128", [c]) if {
	not contains(c, "/")
	contains(c, ":")
}

_with_prefix(c) := sprintf("%s/32", [c]) if {
	not contains(c, "/")
	not contains(c, ":")
}

# family(cidr): "v4" or "v6".
family(cidr) := "v6" if contains(cidr, ":")

family(cidr) := "v4" if not contains(cidr, ":")

_prefix_len(cidr) := to_number(split(cidr, "/")[1])

_size(fam, cidr) := bits.lsh(1, _bits[fam] - _prefix_len(cidr))

_non_public(fam) := non_public_v4 if fam == "v4"

_non_public(fam) := non_public_v6 if fam == "v6"

# public_size(fam, cidr): how many public addresses cidr covers.
public_size(fam, cidr) := 0 if {
	some np in _non_public(fam)
	net.cidr_contains(np, cidr)
} else := size if {
	inside := [_size(fam, np) |
		some np in _non_public(fam)
		net.cidr_contains(cidr, np)
	]
	size := _size(fam, cidr) - sum(inside)
}

# min_prefix(fam): the configured width of "the internet".
_min_prefix_param := {"v4": "internet_min_prefix_v4", "v6": "internet_min_prefix_v6"}

min_prefix(fam) := data.tfgate.params[_min_prefix_param[fam]]

min_prefix(fam) := _default_min_prefix[fam] if {
	not data.tfgate.params[_min_prefix_param[fam]]
}

# public_coverage(cidrs, fam): public addresses covered by the union of the
# cidrs of one family.
public_coverage(cidrs, fam) := sum([public_size(fam, m) |
	ranges := [n |
		some c in cidrs
		n := normalize_cidr(c)
		family(n) == fam
	]
	count(ranges) > 0
	some m in net.cidr_merge(ranges)
])

# is_internet(cidrs): the ranges in cidrs (array or set of strings) together
# cover a wide part of the public IPv4 or IPv6 address space.
is_internet(cidrs) if {
	some fam in ["v4", "v6"]
	public_coverage(cidrs, fam) >= bits.lsh(1, _bits[fam] - min_prefix(fam))
}

# internet_cidrs(cidrs): the entries of cidrs that contribute public address
# space, when together they are the internet (for messages); else empty.
internet_cidrs(cidrs) := {c |
	is_internet(cidrs)
	some c in cidrs
	n := normalize_cidr(c)
	public_size(family(n), n) > 0
}
