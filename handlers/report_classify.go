package handlers

import (
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"linli"
)

// keywordClassifier is the fallback linli.Classifier: a keyword table. Each
// category has object words (returned as keywords, used to match
// duplicates) and signal words (they only vote for the category). A word
// scores its length in runes, so "消防通道" outweighs "车"; ties go to the
// category listed first (安全隐患 before the rest).
type keywordClassifier struct{}

var _ linli.Classifier = keywordClassifier{}

type categoryWords struct {
	category string
	objects  []string
	signals  []string
}

var categoryTable = []categoryWords{
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

// Classify returns the best category for text and the object words found
// in it, in order of appearance. Text with no known word is 其他.
func (keywordClassifier) Classify(text string) (string, []string) {
	best, bestScore := "其他", 0
	type hit struct {
		word string
		at   int
	}
	var hits []hit
	for _, c := range categoryTable {
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
		if !covered(words, h.word) {
			words = append(words, h.word)
		}
	}
	return best, words
}

// covered reports whether w is part of a word already in words, or the
// reverse ("灯" in "路灯").
func covered(words []string, w string) bool {
	for _, x := range words {
		if strings.Contains(x, w) || strings.Contains(w, x) {
			return true
		}
	}
	return false
}

// classify uses the configured Classifier, else the keyword table.
func (h *Handlers) classify(text string) (string, []string) {
	var c linli.Classifier = keywordClassifier{}
	if h.Classifier != nil {
		c = h.Classifier
	}
	cat, kw := c.Classify(text)
	if !slices.Contains(linli.Categories, cat) {
		cat = "其他"
	}
	return cat, kw
}

var (
	// "3号楼", "3栋2单元", "三幢": a building, maybe with a unit.
	placeBuilding = regexp.MustCompile(`([0-9]{1,2}|[一二三四五六七八九十]{1,3})\s*(?:号楼|栋|幢|座)(?:\s*([0-9]{1,2}|[一二三四五六七八九])\s*单元)?`)
	// landmarks of a community, most specific first.
	placeLandmarks = []string{"东门", "西门", "南门", "北门", "正门", "大门", "侧门", "后门",
		"地下车库", "地下室", "停车场", "车库", "中心花园", "花园", "小区广场", "广场", "健身区", "儿童乐园", "游乐场",
		"篮球场", "垃圾站", "垃圾房", "快递柜", "物业", "门卫", "岗亭", "幼儿园", "菜场"}
)

// placeOf finds where a description says the problem is: a building
// ("3号楼门口" → "3栋", building 3), a building and unit ("3栋2单元"), or a
// landmark ("东门", building 0). It returns "" when the text names none.
func placeOf(text string) (string, int) {
	if m := placeBuilding.FindStringSubmatch(text); m != nil {
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
	for _, l := range placeLandmarks {
		if strings.Contains(text, l) {
			return l, 0
		}
	}
	return "", 0
}

// dupStopWords are keywords too general to say two reports are about the
// same thing.
var dupStopWords = []string{"门口", "楼下", "楼上", "旁边", "附近", "小区", "这里", "那里", "今天", "好几天", "一直", "问题", "坏了", "居民"}

// sameProblem reports whether two reports share a keyword that says what
// the problem is (not where or when); a word inside another counts ("灯",
// "路灯").
func sameProblem(a, b []string) bool {
	for _, x := range a {
		if !telling(x) {
			continue
		}
		for _, y := range b {
			if telling(y) && (strings.Contains(x, y) || strings.Contains(y, x)) {
				return true
			}
		}
	}
	return false
}

// telling reports whether keyword w can say what a problem is.
func telling(w string) bool {
	return w != "" && !slices.Contains(dupStopWords, w) && !strings.ContainsAny(w, "0123456789")
}
