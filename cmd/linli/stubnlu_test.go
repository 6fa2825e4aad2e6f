package main

import "linli"

// stubNLU understands a fixed set of texts, and anything else as chatter.
type stubNLU map[string]linli.Understanding

func (s stubNLU) Understand(text string) linli.Understanding {
	if u, ok := s[text]; ok {
		u.Text = text
		return u
	}
	return linli.Understanding{Text: text, Intent: linli.IntentOther}
}
