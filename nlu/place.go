package nlu

import (
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"linli"
)

// Place returns where text says a thing is: a building, with its unit if
// said ("3号楼2单元" → "3栋2单元", 3), else the first landmark it names
// ("东门路灯坏了" → "东门", 0), else ("", 0). Landmarks are the taxonomy's
// places marked 地标 and the words tagged ns in the community and user
// dictionaries. Text is normalised first. It does not need the segmenter,
// so a landmark inside a longer word counts (东门口 → 东门), as in the
// handlers' own search; Understand's Slots.Place goes by words.
func (n *NLU) Place(text string) (place string, building int) {
	return n.lex.place(prepare(text).text)
}

// place finds the place in normalised text.
func (l *lexicon) place(text string) (string, int) {
	if p, b := l.building(text); b > 0 {
		return p, b
	}
	for i, r := range text {
		for _, lm := range l.landmarksByRune[r] { // longest first
			if strings.HasPrefix(text[i:], lm) && !relativePlaces[lm] {
				return lm, 0
			}
		}
	}
	return "", 0
}

// relativePlaces are landmark words that say where only next to something
// else: every building has a 门口. Alone they are no place ("门口垃圾堆了"
// from a resident of 3栋 is at 3栋), though 小区门口 and 3号楼门口 are.
var relativePlaces = map[string]bool{"门口": true}

// building finds a building (and unit) in normalised text.
func (l *lexicon) building(text string) (string, int) {
	if m := findIf(reBuilding, text, "楼栋幢座院"); m != nil {
		if b := linli.ParseBuilding(m[1]); b > 0 {
			place := strconv.Itoa(b) + "栋"
			if m[2] != "" {
				if u := linli.ParseBuilding(m[2]); u > 0 {
					place += strconv.Itoa(u) + "单元"
				}
			}
			return place, b
		}
	}
	return "", 0
}

// indexLandmarks indexes l.landmarks by first rune, longest first.
func (l *lexicon) indexLandmarks() {
	l.landmarksByRune = map[rune][]string{}
	for lm := range l.landmarks {
		r, _ := utf8.DecodeRuneInString(lm)
		l.landmarksByRune[r] = append(l.landmarksByRune[r], lm)
	}
	for _, list := range l.landmarksByRune {
		sort.Slice(list, func(i, j int) bool {
			if len(list[i]) != len(list[j]) {
				return len(list[i]) > len(list[j])
			}
			return list[i] < list[j]
		})
	}
}
