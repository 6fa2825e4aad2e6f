package report

import (
	"strings"

	"linli"
	"linli/textnorm"
)

// asTyped returns what the sender of req typed for norm, the normalised
// text a description or note was parsed from (the end of the message):
// descriptions are stored and echoed as residents wrote them ("着火了！！",
// "alert(1)"), control characters removed (textnorm.Typed). When the typed
// text cannot be lined up with norm (an answer "是" to the bot's own
// question, whose command the bot wrote), it is norm with Chinese
// punctuation restored, as before.
func asTyped(req *linli.Request, norm string) string {
	norm = strings.TrimSpace(norm)
	if t := textnorm.Typed(req.Msg.Text, norm); t != "" {
		return t
	}
	return textnorm.ChinesePunctBrackets(norm)
}
