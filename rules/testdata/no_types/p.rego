package acme.no_types

default allow := true

allow := false if input.after.name == "x"
