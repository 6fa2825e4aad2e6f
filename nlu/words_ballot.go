package nlu

import (
	"slices"
	"strings"
)

// The words around a choice in a vote ("我选2", "同意了", "同意 谢谢").

// lexBallotReplace mark a ballot that replaces another household member's
// vote.
var lexBallotReplace = []string{"改", "改票", "确认", "确认改票"}

// lexBallotPrefixes and lexBallotSuffixes are words around a choice that
// mean nothing ("我选同意", "同意了"); they are removed before a word is
// read as an option.
var (
	lexBallotPrefixes = []string{"我选", "我投", "我", "选", "投", "第", "非常", "特别", "比较", "很"}
	lexBallotSuffixes = []string{"了", "的", "吧", "啊", "呀", "啦", "项", "个"}
)

// lexBallotAcks are remarks that say nothing to keep ("同意 谢谢").
var lexBallotAcks = []string{"谢谢", "谢谢了", "多谢", "感谢", "好的", "收到", "辛苦了", "辛苦", "ok"}

// BallotReplace reports whether word asks to replace another household
// member's vote ("改", "确认").
func (WordLists) BallotReplace(word string) bool { return slices.Contains(lexBallotReplace, word) }

// BallotBare strips the fillers around a choice: "我选2" → "2".
func (WordLists) BallotBare(word string) string {
	for _, f := range lexBallotPrefixes {
		word = strings.TrimPrefix(word, f)
	}
	for _, f := range lexBallotSuffixes {
		word = strings.TrimSuffix(word, f)
	}
	return word
}

// BallotAck reports whether a remark after a choice says nothing to keep.
func (WordLists) BallotAck(remark string) bool {
	return slices.Contains(lexBallotAcks, strings.ToLower(remark))
}
