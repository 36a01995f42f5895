package prefault

// The parsing is by hand: strings and strconv would make this package
// initialise later (see prefault.go).

// readOnlyImage returns, from the text of /proc/self/maps, the read-only
// mappings of the file mapped first (the executable): its text (r-xp) and
// read-only data (r--p).
func readOnlyImage(maps string) []region {
	var exe string
	var out []region
	for len(maps) > 0 {
		line := maps
		if i := indexByte(maps, '\n'); i >= 0 {
			line, maps = maps[:i], maps[i+1:]
		} else {
			maps = ""
		}
		// address perms offset dev inode pathname
		f := fields(line)
		if len(f) < 6 || f[4] == "0" {
			continue
		}
		if exe == "" {
			exe = f[5]
		}
		if f[5] != exe || len(f[1]) < 2 || f[1][0] != 'r' || f[1][1] == 'w' {
			continue
		}
		start, end, ok := addressRange(f[0])
		if !ok {
			continue
		}
		out = append(out, region{Start: start, End: end})
	}
	return out
}

func indexByte(s string, c byte) int {
	for i := 0; i < len(s); i++ {
		if s[i] == c {
			return i
		}
	}
	return -1
}

// fields splits s at runs of spaces.
func fields(s string) []string {
	var out []string
	for i := 0; i < len(s); {
		for i < len(s) && s[i] == ' ' {
			i++
		}
		j := i
		for j < len(s) && s[j] != ' ' {
			j++
		}
		if j > i {
			out = append(out, s[i:j])
		}
		i = j
	}
	return out
}

// addressRange parses "start-end" in hexadecimal.
func addressRange(s string) (start, end uintptr, ok bool) {
	i := indexByte(s, '-')
	if i <= 0 || i == len(s)-1 {
		return 0, 0, false
	}
	start, ok1 := hex(s[:i])
	end, ok2 := hex(s[i+1:])
	return start, end, ok1 && ok2 && end > start
}

func hex(s string) (uintptr, bool) {
	if len(s) > 16 {
		return 0, false
	}
	var v uintptr
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= '0' && c <= '9':
			v = v<<4 | uintptr(c-'0')
		case c >= 'a' && c <= 'f':
			v = v<<4 | uintptr(c-'a'+10)
		default:
			return 0, false
		}
	}
	return v, true
}
