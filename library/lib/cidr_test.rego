package tfgate.lib_test

import data.tfgate.lib

test_whole_internet if {
	lib.is_internet(["0.0.0.0/0"])
	lib.is_internet(["::/0"])
	lib.is_internet({"10.0.0.0/8", "0.0.0.0/0"})
}

test_split_halves_are_the_internet if {
	lib.is_internet(["0.0.0.0/1", "128.0.0.0/1"])
	lib.is_internet(["0.0.0.0/1"])
	lib.is_internet(["::/1", "8000::/1"])
}

test_wide_public_range_is_the_internet if {
	lib.is_internet(["1.0.0.0/8"])
	lib.is_internet(["2000::/3"])
}

test_narrow_or_private_ranges_are_not if {
	not lib.is_internet(["203.0.113.10/32"])
	not lib.is_internet(["203.0.113.10"])
	not lib.is_internet(["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16"])
	not lib.is_internet(["100.64.0.0/10"])
	not lib.is_internet(["127.0.0.0/8", "169.254.0.0/16"])
	not lib.is_internet(["fe80::/10", "fc00::/7", "::1/128"])
	not lib.is_internet(["1.0.0.0/9"])
	not lib.is_internet([])
}

test_private_space_does_not_add_up if {
	# 0.0.0.0/4 is 16 /8s, but 0/8 and 10/8 are not public: still 14 public /8s.
	lib.is_internet(["0.0.0.0/4"])

	# 10.0.0.0/7 is 10/8 (private) plus 11/8 (public): one public /8 exactly.
	lib.is_internet(["10.0.0.0/7"])
	not lib.is_internet(["10.0.0.0/7"]) with data.tfgate.params.internet_min_prefix_v4 as 7
}

test_width_is_configurable if {
	not lib.is_internet(["1.0.0.0/8"]) with data.tfgate.params.internet_min_prefix_v4 as 4
	lib.is_internet(["203.0.113.0/24"]) with data.tfgate.params.internet_min_prefix_v4 as 24
}

test_unknown_and_redacted_entries_are_ignored if {
	not lib.is_internet([null, "(sensitive)", "not-a-cidr", 7])
	lib.is_internet([null, "0.0.0.0/0"])
}

test_internet_cidrs_names_the_public_entries if {
	lib.internet_cidrs(["10.0.0.0/8", "0.0.0.0/1", "128.0.0.0/1"]) == {"0.0.0.0/1", "128.0.0.0/1"}
	lib.internet_cidrs(["203.0.113.10/32"]) == set()
}
