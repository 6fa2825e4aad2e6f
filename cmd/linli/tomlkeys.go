package main

import (
	"strings"
	"unicode/utf8"
)

// quoteUnicodeKeys quotes the bare keys that contain non-ASCII characters,
// such as `安全隐患 = "4h"` in DESIGN.md's [sla] table, so that the TOML
// parser accepts them: TOML (1.0 and 1.1) allows only A-Za-z0-9_- in bare
// keys, and people write category names as keys. Keys are found where
// TOML has them: at the start of a line outside arrays and multi-line
// strings (a key/value pair or a [table] header, dotted parts included)
// and after "{" or "," in an inline table. Strings of every kind (basic,
// literal, multi-line) and comments are copied unchanged, so text that
// looks like a key inside them is never rewritten. Lines are kept, so the
// parser's line numbers still match the file.
func quoteUnicodeKeys(s string) string {
	var b strings.Builder
	b.Grow(len(s) + 16)
	var stack []byte // open '[' (arrays) and '{' (inline tables) of values
	expectKey := true
	i := 0
	if strings.HasPrefix(s, "\ufeff") { // a byte order mark is no part of the first key
		b.WriteString("\ufeff")
		i = len("\ufeff")
	}
	for i < len(s) {
		c := s[i]
		switch {
		case c == '\n':
			b.WriteByte(c)
			i++
			if len(stack) == 0 {
				expectKey = true
			}
		case c == ' ' || c == '\t' || c == '\r':
			b.WriteByte(c)
			i++
		case c == '#':
			end := strings.IndexByte(s[i:], '\n')
			if end < 0 {
				end = len(s) - i
			}
			b.WriteString(s[i : i+end])
			i += end
		case expectKey && c == '[' && len(stack) == 0: // [table] or [[array of tables]]
			b.WriteByte(c)
			i++
			if i < len(s) && s[i] == '[' {
				b.WriteByte('[')
				i++
			}
			i = copyKey(&b, s, i)
			expectKey = false
		case expectKey && c != '}' && c != ']' && c != ',' && c != '=':
			i = copyKey(&b, s, i)
			expectKey = false
		case c == '"' || c == '\'':
			i = copyString(&b, s, i)
		default:
			switch c {
			case '[', '{':
				stack = append(stack, c)
			case ']', '}':
				if len(stack) > 0 {
					stack = stack[:len(stack)-1]
				}
			}
			expectKey = c == '{' || c == ',' && len(stack) > 0 && stack[len(stack)-1] == '{'
			b.WriteByte(c)
			i++
		}
	}
	return b.String()
}

// copyKey copies the key that starts at s[i] (parts separated by dots,
// blanks around them) to b, quoting each bare part that holds a non-ASCII
// character, and returns the index after it.
func copyKey(b *strings.Builder, s string, i int) int {
	for {
		for i < len(s) && (s[i] == ' ' || s[i] == '\t') {
			b.WriteByte(s[i])
			i++
		}
		if i == len(s) {
			return i
		}
		if s[i] == '"' || s[i] == '\'' {
			i = copyString(b, s, i)
		} else {
			start := i
			for i < len(s) && !strings.ContainsRune(" \t\r\n.=\"'#[]{},", rune(s[i])) {
				i++
			}
			part := s[start:i]
			if hasNonASCII(part) {
				b.WriteString(`"` + strings.ReplaceAll(part, `\`, `\\`) + `"`)
			} else {
				b.WriteString(part)
			}
		}
		j := i
		for j < len(s) && (s[j] == ' ' || s[j] == '\t') {
			j++
		}
		if j == len(s) || s[j] != '.' {
			return i
		}
		b.WriteString(s[i : j+1])
		i = j + 1
	}
}

// copyString copies the string that starts at s[i] (basic or literal,
// single- or multi-line) to b and returns the index after it. An
// unterminated string runs to the end of its line (or of s, for a
// multi-line one) and is left to the parser to report.
func copyString(b *strings.Builder, s string, i int) int {
	q := s[i]
	multi := strings.HasPrefix(s[i:], strings.Repeat(string(q), 3))
	delim := string(q)
	if multi {
		delim = strings.Repeat(delim, 3)
	}
	j := i + len(delim)
	for j < len(s) {
		switch {
		case q == '"' && s[j] == '\\' && j+1 < len(s):
			j += 2
		case strings.HasPrefix(s[j:], delim):
			j += len(delim)
			if multi { // up to two more quotes belong to the string: """a""""
				for k := 0; k < 2 && j < len(s) && s[j] == q; k++ {
					j++
				}
			}
			b.WriteString(s[i:j])
			return j
		case s[j] == '\n' && !multi:
			b.WriteString(s[i:j])
			return j
		default:
			j++
		}
	}
	b.WriteString(s[i:])
	return len(s)
}

func hasNonASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return true
		}
	}
	return false
}
