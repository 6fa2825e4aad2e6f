package nlu

import (
	"regexp"
	"slices"
	"sort"
	"strings"
	"sync"
	"unicode/utf8"

	"linli/textnorm"
)

// The words of 随手拍 reports: emergencies, "still broken", places, the
// fallback category table, fillers, and what makes two reports one.

// Emergency returns the kind of emergency text tells of, "" if none: the
// same rules as Understand's (emergency.go), which need no segmenter.
func (WordLists) Emergency(text string) string {
	return emergencyOf(textnorm.Normalize(text))
}

// lexStillBroken say that a fixed problem is back ("还是不亮").
var lexStillBroken = []string{"还是不亮", "还不亮", "又不亮", "还没修好", "没修好", "还是没修", "又坏了", "还是坏", "还坏着", "还是老样子", "还没好", "还是不行", "又堵了", "还是堵", "还在漏", "还是漏"}

// StillBroken reports whether text says a fixed problem is back.
func (WordLists) StillBroken(text string) bool { return lexContainsAny(text, lexStillBroken) }

// lexContainsAny reports whether s contains one of words.
func lexContainsAny(s string, words []string) bool {
	for _, w := range words {
		if strings.Contains(s, w) {
			return true
		}
	}
	return false
}

// lexCategory is one row of the fallback category table: object words
// (returned as keywords, used to match duplicates) and signal words (they
// only vote for the category).
type lexCategory struct {
	category string
	objects  []string
	signals  []string
}

var lexCategories = []lexCategory{
	{"安全隐患",
		[]string{"消防通道", "消防栓", "灭火器", "燃气", "煤气", "电线", "飞线", "井盖", "电箱", "充电", "防盗网", "栏杆", "高空抛物", "外墙"},
		[]string{"隐患", "危险", "漏电", "起火", "着火", "冒烟", "火灾", "漏气", "掉落", "坠落", "裸露", "塌", "私拉"}},
	{"环境卫生",
		[]string{"垃圾", "垃圾桶", "垃圾站", "污水", "粪便", "狗屎", "老鼠", "蟑螂", "蚊子", "苍蝇", "小广告", "落叶", "积水", "下水道", "化粪池"},
		[]string{"卫生", "脏", "臭", "异味", "没人收", "没清理", "堆", "乱扔", "清扫", "满了", "堵了"}},
	{"设施维修",
		[]string{"路灯", "灯", "电梯", "门禁", "单元门", "水管", "水龙头", "楼梯", "扶手", "座椅", "健身器材", "地砖", "路面", "监控", "信箱", "窗户", "玻璃", "屋顶"},
		[]string{"坏", "不亮", "漏水", "维修", "损坏", "破损", "故障", "停水", "停电", "松动", "卡住", "打不开"}},
	{"停车交通",
		[]string{"停车", "车位", "汽车", "电动车", "自行车", "僵尸车", "车辆", "车", "道闸"},
		[]string{"乱停", "占道", "挡路", "堵车", "占用", "挡住"}},
	{"绿化养护",
		[]string{"树", "树枝", "草坪", "草", "绿化", "花坛", "灌木", "杂草"},
		[]string{"修剪", "枯", "倒伏", "踩踏", "浇水", "长太高"}},
	{"噪音扰民",
		[]string{"装修", "广场舞", "喇叭", "狗叫", "音响", "施工", "电钻"},
		[]string{"噪音", "吵", "扰民", "太响", "半夜"}},
}

// Classify is the fallback classifier: the best category for text and the
// object words found in it, in order of appearance. A word scores its length
// in runes, so "消防通道" outweighs "车"; ties go to the category listed first
// (安全隐患 before the rest). Text with no known word is 其他.
func (WordLists) Classify(text string) (string, []string) {
	best, bestScore := "其他", 0
	type hit struct {
		word string
		at   int
	}
	var hits []hit
	for _, c := range lexCategories {
		score := 0
		for i, words := range [][]string{c.objects, c.signals} {
			for _, w := range words {
				at := strings.Index(text, w)
				if at < 0 {
					continue
				}
				score += utf8.RuneCountInString(w)
				if i == 0 {
					hits = append(hits, hit{w, at})
				}
			}
		}
		if score > bestScore {
			best, bestScore = c.category, score
		}
	}
	sort.SliceStable(hits, func(i, j int) bool { // by position, the longer word first
		return hits[i].at < hits[j].at || hits[i].at == hits[j].at && len(hits[i].word) > len(hits[j].word)
	})
	var words []string
	for _, h := range hits {
		if !lexCovered(words, h.word) {
			words = append(words, h.word)
		}
	}
	return best, words
}

// lexCovered reports whether w is part of a word already in words, or the
// reverse ("灯" in "路灯").
func lexCovered(words []string, w string) bool {
	for _, x := range words {
		if strings.Contains(x, w) || strings.Contains(w, x) {
			return true
		}
	}
	return false
}

var (
	// "3号楼", "3栋2单元", "三幢": a building, maybe with a unit.
	lexBuilding = regexp.MustCompile(`([0-9]{1,2}|[一二三四五六七八九十]{1,3})\s*(?:号楼|栋|幢|座)(?:\s*([0-9]{1,2}|[一二三四五六七八九])\s*单元)?`)
	// landmarks of a community, most specific first.
	lexLandmarks = []string{"东门", "西门", "南门", "北门", "正门", "大门", "侧门", "后门",
		"地下车库", "地下室", "停车场", "车库", "中心花园", "花园", "小区广场", "广场", "健身区", "儿童乐园", "游乐场",
		"篮球场", "垃圾站", "垃圾房", "快递柜", "物业", "门卫", "岗亭", "幼儿园", "菜场"}
)

// Place finds where a description says the problem is: a building
// ("3号楼门口" → "3栋", building 3), a building and unit ("3栋2单元"), or a
// landmark ("东门", building 0). It returns "" when the text names none.
// It is NLU.Place with the embedded dictionaries' landmarks (the taxonomy's
// and the community dictionary's; a configured user dictionary's landmarks
// only count in NLU.Place): one place finder for the engine, the families
// and the understanding.
func (WordLists) Place(text string) (string, int) {
	return wordsLexicon().place(prepare(text).text)
}

// wordsLexicon is the lexicon of the embedded dictionaries, for WordLists.
var wordsLexicon = sync.OnceValue(func() *lexicon {
	words, err := readUserDicts("")
	if err != nil {
		panic("nlu: embedded community dictionary: " + err.Error()) // a build without its files
	}
	return newLexicon(words, nil)
})

// lexDupStop are keywords too general to say two reports are about the
// same thing.
var lexDupStop = []string{"门口", "楼下", "楼上", "旁边", "附近", "小区", "这里", "那里", "今天", "好几天", "一直", "问题", "坏了", "居民"}

// SameProblem reports whether two reports share a keyword that says what
// the problem is (not where or when); a word inside another counts ("灯",
// "路灯").
func (WordLists) SameProblem(a, b []string) bool {
	for _, x := range a {
		if !lexTelling(x) {
			continue
		}
		for _, y := range b {
			if lexTelling(y) && (strings.Contains(x, y) || strings.Contains(y, x)) {
				return true
			}
		}
	}
	return false
}

// lexTelling reports whether keyword w can say what a problem is.
func lexTelling(w string) bool {
	return w != "" && !slices.Contains(lexDupStop, w) && !strings.ContainsAny(w, "0123456789")
}

// lexFillers are words that say nothing about a problem: what people add
// around "随手拍" in passing ("随手拍一下", "随手拍，拍了", "看看这个"). Longer
// words come first so that they are removed whole.
var lexFillers = strings.NewReplacer(
	"随手拍", "", "试一试", "", "看一看", "", "一下", "", "一张", "", "一个", "", "拍了", "", "拍拍", "",
	"看看", "", "看下", "", "这个", "", "那个", "", "这里", "", "那里", "", "这儿", "", "那儿", "",
	"这边", "", "那边", "", "照片", "", "图片", "", "试试", "", "测试", "", "大家", "", "你们", "",
	"帮我", "", "帮忙", "", "麻烦", "", "问题", "", "情况", "", "东西", "",
	"拍", "", "看", "", "下", "", "了", "", "啊", "", "吧", "", "呢", "", "吗", "", "嘛", "", "哦", "",
	"噢", "", "哈", "", "嗯", "", "呀", "", "哇", "", "的", "", "张", "", "图", "", "我", "", "请", "",
	"给", "", "有", "", "个", "")

// SaysProblem reports whether a description says what the problem is: at
// least two letters are left once places ("3号楼", "东门") and fillers
// ("一下", "拍了", "这个") are taken out.
func (WordLists) SaysProblem(desc string) bool {
	s := lexBuilding.ReplaceAllString(desc, "")
	for _, l := range lexLandmarks {
		if !lexNamesThing(l) {
			s = strings.ReplaceAll(s, l, "")
		}
	}
	return lexMeaningful(lexFillers.Replace(s))
}

// lexNamesThing reports whether a landmark also names a thing a problem can
// be about ("垃圾站", "停车场"): such a landmark is content, not just a place.
func lexNamesThing(landmark string) bool {
	for _, c := range lexCategories {
		for _, w := range c.objects {
			if strings.Contains(landmark, w) {
				return true
			}
		}
	}
	return false
}

// lexMeaningful reports whether s has at least two letters.
func lexMeaningful(s string) bool { return textnorm.Letters(s) >= 2 }

// lexPlaceOnly matches what may surround a place in a bare answer ("在5号楼",
// "就是3栋2单元那边").
var lexPlaceOnly = regexp.MustCompile(`(?s)^(?:就|在|是|就在|就是|在那个)?(.*?)(?:那边|这边|那里|这里|的|吧|啊|呀|哦)?[。！!.~～]*$`)

// BarePlace reports whether text says nothing but where: a building, unit
// or landmark, with at most a little glue around it.
func (WordLists) BarePlace(text string) bool {
	m := lexPlaceOnly.FindStringSubmatch(text) // (?s): a message of many lines too
	if m == nil {
		return false
	}
	s := m[1]
	s = lexBuilding.ReplaceAllString(s, "")
	for _, l := range lexLandmarks {
		s = strings.ReplaceAll(s, l, "")
	}
	for _, w := range []string{"门口", "楼下", "楼道", "旁边", "附近", "里面", "里", "的"} {
		s = strings.ReplaceAll(s, w, "")
	}
	return !lexMeaningful(s)
}
