package bot

import "strings"

// prepare takes normalised text and returns it with the bot's @mention and a
// leading command prefix (#, /) removed, and whether the message was clearly
// addressed to the bot (already addressed, mentioned, or prefixed).
func prepare(norm, botName string, addressed bool) (string, bool) {
	text := norm
	if botName != "" {
		at := "@" + botName
		if strings.Contains(text, at) {
			addressed = true
			text = strings.ReplaceAll(text, at, " ")
		}
	}
	text = strings.TrimSpace(text)
	for _, p := range []string{"#", "/"} {
		if strings.HasPrefix(text, p) {
			text = strings.TrimSpace(strings.TrimPrefix(text, p))
			// "#接龙" lists are not addressed to the bot; everything else is.
			if !strings.HasPrefix(text, "接龙") {
				addressed = true
			}
			break
		}
	}
	return text, addressed
}
