package nlu

import (
	"regexp"
	"strings"

	"linli"
)

// WordLists is linli.Lexicon: the word lists the engine and the command
// families ask about (words*.go). It needs no segmenter, so it works before
// (and without) the dictionaries; the zero value is ready to use and safe
// for concurrent use.
type WordLists struct{}

var _ linli.Lexicon = WordLists{}

// Words returns the word lists.
func Words() WordLists { return WordLists{} }

// Yes reports whether text is a plain yes.
func (WordLists) Yes(text string) bool {
	t := strings.Trim(text, " !。.~～?？,，👍🙏")
	switch t {
	case "是", "是的", "是啊", "对", "对的", "对啊", "好", "好的", "好啊", "好滴", "要", "要的", "需要",
		"嗯", "嗯嗯", "可以", "行", "确认", "确定", "没错", "ok", "OK", "Ok", "登记吧", "报吧", "麻烦了", "麻烦你了":
		return true
	}
	return false
}

// No reports whether text refuses the bot's question ("不用了", "算了",
// "不是", "别登记", "不用了谢谢"): a plain no, with at most a thanks or a
// particle after it. Only a reply to the bot's own offer is read this way
// (bot/offers.go): said otherwise these are chatter.
func (WordLists) No(text string) bool {
	t := strings.Trim(text, " !。.~～?？,，👌🙏")
	for _, tail := range []string{"谢谢你", "谢谢", "谢了", "哈", "啊", "呀"} {
		if u := strings.TrimRight(strings.TrimSuffix(t, tail), " ,，。!！"); u != t && u != "" {
			t = u
			break
		}
	}
	switch t {
	case "不", "不了", "不用", "不用了", "不用啦", "不必", "不必了", "不要", "不要了", "不需要", "不需要了",
		"不是", "不是的", "不对", "算了", "算了吧", "算啦", "别登记", "不登记", "不用登记", "先不用", "先不登记",
		"没事", "没事了", "取消", "no", "No", "NO":
		return true
	}
	return false
}

// Ack reports whether text is a short acknowledgement that deserves no
// answer even when addressed ("收到", "好的", "谢谢").
func (WordLists) Ack(text string) bool {
	t := strings.Trim(text, " !。.~～?？👍🙏")
	for _, tail := range []string{"你们", "你", "您", "啦", "了", "哈", "呀", "哦"} { // 谢谢你, 收到了, 好的哈
		if u := strings.TrimSuffix(t, tail); u != t && u != "" {
			t = strings.Trim(u, " !。.~～")
			break
		}
	}
	switch t {
	case "", "收到", "好的", "好", "谢谢", "多谢", "感谢", "ok", "OK", "嗯", "嗯嗯", "好滴", "知道了", "明白", "辛苦了", "哈哈", "哈哈哈", "1", "+1":
		return true
	}
	return false
}

// Chatter reports whether the words after a command word read as a remark
// or question ("报名了吗", "报名的人好多") rather than arguments.
func (WordLists) Chatter(args string) bool {
	if len([]rune(args)) > 12 {
		return true
	}
	for _, w := range []string{"?", "吗", "呢", "了", "啊", "吧", "么", "没", "的", "好", "哈", "呀", "!", "。", "，"} {
		if strings.Contains(args, w) {
			return true
		}
	}
	return false
}

// AboutCommand reports whether the words glued to a command word make it
// talk about the command rather than use it ("随手拍是什么").
func (WordLists) AboutCommand(rest string) bool {
	for _, p := range []string{"是", "的", "了", "吗", "呢", "吧", "啊", "怎么", "咋", "真", "挺", "好用", "好玩", "好方便", "还挺", "也", "功能"} {
		if strings.HasPrefix(rest, p) {
			return true
		}
	}
	return false
}

// lexPoliteRe matches the thanks and fillers people add after 报名 1.
var lexPoliteRe = regexp.MustCompile(`^(?:(?:谢谢|多谢|感谢|谢了|辛苦|麻烦|拜托|劳驾|好的|收到|您好|你好|一起|一块|都去|准时|请).*|[哈呵嘿嗯哦噢啦呀哒]+|\[[^\]]{1,6}\])$`)

// Polite reports whether w is thanks or a filler, not a question.
func (WordLists) Polite(w string) bool {
	return lexPoliteRe.MatchString(w) && !strings.ContainsAny(w, "?？吗么呢") && !strings.HasPrefix(w, "请问")
}
