package tfgate.rules.test.x.syntax

deny contains x if {
	x := 
}
