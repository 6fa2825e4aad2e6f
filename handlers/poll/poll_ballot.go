package poll

import (
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"linli"
)

// ballot is what a resident wrote after 投票 <编号>: the options chosen and
// whatever else came with them.
type ballot struct {
	choices []int // option indexes, ascending, distinct
	replace bool  // a replace word (改, 确认) was among the words
	// remark is what came after the choice that is not an option
	// ("同意，希望早点装" → "希望早点装"): for a single-choice poll the
	// rest of the text as written, for a multi-choice poll the words that
	// are not options (also listed in ignored).
	remark  string
	ignored []string
}

// ballotWord is a word of a ballot and where it starts in the text.
type ballotWord struct {
	text  string
	start int
}

// ballotWords splits s at spaces, commas, 、, ; and /, and trims the
// punctuation and symbols around each word ("同意！" → "同意").
func ballotWords(s string) []ballotWord {
	var out []ballotWord
	pos := 0
	add := func(end int) {
		w := strings.TrimFunc(s[pos:end], isBallotPunct)
		if w != "" {
			out = append(out, ballotWord{w, pos})
		}
	}
	for _, sep := range choiceSplit.FindAllStringIndex(s, -1) {
		add(sep[0])
		pos = sep[1]
	}
	add(len(s))
	return out
}

func isBallotPunct(r rune) bool { return unicode.IsPunct(r) || unicode.IsSymbol(r) }

// parseBallot reads a ballot: option texts, numbers (1) or letters (A, or
// AC for several), separated by spaces, commas or 、, and a replace word
// (改, 确认) anywhere. The first word must be an option (or a replace word).
// For a single-choice poll, the words after the first non-option word are a
// remark; a second option before them is an error. For a multi-choice
// poll, every option word counts and the other words are listed as ignored.
// The error is EInvalid with the text to show.
func parseBallot(lex linli.Lexicon, p *linli.Poll, s string) (ballot, error) {
	var b ballot
	s = strings.TrimSpace(s)
	if i := slices.Index(p.Options, strings.TrimRightFunc(s, isBallotPunct)); i >= 0 {
		b.choices = []int{i}
		return b, nil
	}
	remarkAt := -1
	for _, w := range ballotWords(s) {
		if lex.BallotReplace(w.text) {
			b.replace = true
			continue
		}
		idx, ok := choiceToken(lex, p, w.text)
		switch {
		case ok && (remarkAt < 0 || p.Multi()):
			b.choices = append(b.choices, idx...)
		case len(b.choices) == 0:
			return ballot{}, linli.Errorf(linli.EInvalid, "%s", textVoteUnknownChoice(p, w.text))
		case p.Multi():
			b.ignored = append(b.ignored, w.text)
		case remarkAt < 0:
			remarkAt = w.start
		}
		if remarkAt >= 0 && !p.Multi() {
			break
		}
	}
	if len(b.choices) == 0 {
		return ballot{}, linli.Errorf(linli.EInvalid, "%s", textVoteUsageFor(p))
	}
	slices.Sort(b.choices)
	b.choices = slices.Compact(b.choices)
	if len(b.ignored) > 0 {
		b.remark = strings.Join(b.ignored, " ")
	}
	if remarkAt >= 0 {
		b.remark = strings.TrimLeftFunc(s[remarkAt:], func(r rune) bool { return unicode.IsSpace(r) || isBallotPunct(r) })
		b.remark = strings.TrimSpace(b.remark)
		if lex.BallotAck(strings.TrimRightFunc(b.remark, isBallotPunct)) {
			b.remark = ""
		}
	}
	return b, nil
}

// choiceToken reads one word: an option's text, its number or its letter,
// or a run of letters ("AC"), possibly with filler around it ("我选2",
// "同意了").
func choiceToken(lex linli.Lexicon, p *linli.Poll, tok string) ([]int, bool) {
	if i, ok := optionByText(p, tok); ok {
		return []int{i}, true
	}
	bare := lex.BallotBare(tok)
	if bare == "" {
		return nil, false
	}
	if i, ok := optionByText(p, bare); ok {
		return []int{i}, true
	}
	if n, err := strconv.Atoi(bare); err == nil {
		return []int{n - 1}, n >= 1 && n <= len(p.Options)
	}
	var out []int
	for _, r := range strings.ToUpper(bare) {
		i := int(r - 'A')
		if i < 0 || i >= len(p.Options) {
			return nil, false
		}
		out = append(out, i)
	}
	return out, true
}

// optionByText finds the option written tok (letters in any case).
func optionByText(p *linli.Poll, tok string) (int, bool) {
	for i, o := range p.Options {
		if strings.EqualFold(o, tok) {
			return i, true
		}
	}
	return -1, false
}

// choiceArgs renders choices as the words of a 投票 command: option texts
// when they are short single words, letters otherwise ("投票 1 同意",
// "投票 2 A C").
func choiceArgs(p *linli.Poll, choices []int) string {
	words := make([]string, 0, len(choices))
	for _, c := range choices {
		w := p.Options[c]
		if strings.ContainsAny(w, " /、,，|;；") || utf8.RuneCountInString(w) > maxTypedOption {
			w = string(rune('A' + c))
		}
		words = append(words, w)
	}
	return strings.Join(words, " ")
}

// maxTypedOption is the longest option text (in runes) an example asks a
// resident to type; longer ones are shown by their letter.
const maxTypedOption = 6

// exampleChoices are the choices an example ballot shows: the first option,
// and the last as well for a multi-choice poll.
func exampleChoices(p *linli.Poll) []int {
	if p.Multi() {
		return []int{0, len(p.Options) - 1}
	}
	return []int{0}
}
