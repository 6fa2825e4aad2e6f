package nlu

import (
	"strings"
	"unicode/utf8"

	"linli"
)

// Emergency detection runs before anything else and is a hand-written rule
// set, not the learned model, on purpose: a missed emergency costs far more
// than a needless reminder of the numbers, the phrasings are few and
// well known, and every rule can be read and tested on its own. The model
// learns from a corpus where emergencies are rare; these rules do not
// depend on how many of them the corpus holds.
//
// A trigger (晕倒, 着火, 煤气味, 被困, 持刀, 溺水…) makes an emergency unless
// a guard says otherwise:
//   - negation just before it: 没有着火, 不是晕倒, 差点晕倒;
//   - it is over or in the past: 已经灭了, 救出来了, 补好了, 没事了, 昨天…
//     (unless the text also says it is happening now: 现在, 还在, 快来);
//   - it is figurative: 着火似的, 急得像着火, 气得冒烟, 眼皮打架;
//   - it is hypothetical or general: 万一着火怎么办, 小心火灾, 消防演练;
//   - the rule's own context words: 轮胎漏气 is not gas, 烧烤冒烟 is not a
//     fire, 两只猫打架 is not a fight.

// Emergency kinds (linli.Emergency*).
const (
	EmergencyMedical  = linli.EmergencyMedical
	EmergencyFire     = linli.EmergencyFire
	EmergencyGas      = linli.EmergencyGas
	EmergencyTrapped  = linli.EmergencyTrapped
	EmergencyViolence = linli.EmergencyViolence
	EmergencyDrowning = linli.EmergencyDrowning
)

// emergencyRule is one trigger. The trigger must occur in a clause; when
// needs (and needsAlso) is set, one of its words must occur in the same
// message; no word of unless may occur in the same clause.
type emergencyRule struct {
	kind      string
	trigger   []string
	needs     []string
	needsAlso []string
	unless    []string
	// unlessText words may not occur anywhere in the message.
	unlessText []string
}

// personWords are people whose collapse is an emergency.
var personWords = []string{"人", "老人", "老太太", "大爷", "大妈", "奶奶", "爷爷", "阿姨", "叔叔", "孩子", "小孩", "小朋友", "宝宝", "老头", "老太", "婆婆", "公公", "他", "她", "我妈", "我爸", "老伴", "邻居", "外卖员", "快递员", "保洁", "保安", "师傅", "男的", "女的", "小伙", "姑娘", "娃"}

// tyreWords are things whose 漏气 is not a gas leak.
var tyreWords = []string{"胎", "轮", "气球", "球", "充气", "打气", "气垫", "游泳圈", "自行车", "电动车", "单车", "汽车", "车子", "气门", "床垫", "沙发", "玩具", "补", "枕"}

// figurativeFire are the words that make fire or smoke a figure of speech.
var figurativeFire = []string{"似的", "一样", "仿佛", "急得", "气得", "渴得", "心里", "头顶", "嗓子", "喉咙", "脑袋", "脑子", "眼睛", "脸", "火锅"}

var emergencyRules = []emergencyRule{
	// people in danger
	{kind: EmergencyMedical, trigger: []string{"晕倒", "昏倒", "晕过去", "昏过去", "昏迷", "不省人事", "叫不醒", "喊不醒", "叫不应", "没有呼吸", "没呼吸", "没了呼吸", "呼吸困难", "喘不上气", "喘不过气", "抽搐", "口吐白沫", "休克", "晕厥", "昏厥", "倒地不起", "躺在地上不动", "流了很多血", "血流不止", "大出血", "满头是血", "头破血流", "一直流血", "心脏病发", "心脏病犯", "心梗", "脑梗", "中风了", "触电", "被电到", "噎住", "坠楼", "跳楼", "要跳楼", "想跳楼",
		"不呼吸", "没气了", "没有气了", "快打120", "打120", "叫120", "叫救护车", "叫个救护车", "喊救命", "呼救", "救命"},
		unless: []string{"笑", "哈哈", "贵", "价", "看得", "听得", "绕", "气得", "馋", "帅", "美得", "晕车", "快要", "要晕", "快晕", "都要", "简直", "起床", "上学", "懒觉", "赖床", "睡得", "轮胎", "车胎", "气球", "球"}},
	{kind: EmergencyMedical, trigger: []string{"一动不动", "趴着不动", "躺着不动", "躺在地上", "倒下了", "倒下", "晕了"},
		needs: personWords, unless: []string{"树", "车", "牌", "杆", "墙", "猫", "狗", "鸟", "装死", "哈哈", "笑", "看", "听"}},
	{kind: EmergencyMedical, trigger: []string{"楼顶边上", "坐在楼顶", "站在楼顶", "要跳", "想跳下去", "要往下跳", "站在天台边", "坐在天台边"},
		needs: []string{"楼顶", "天台", "窗", "阳台", "楼"}, unless: []string{"跳绳", "跳舞", "跳广场舞", "跳高", "跳远", "跳起来"}},
	{kind: EmergencyMedical, trigger: []string{"倒地", "倒在地上", "倒在", "摔下来了", "掉下来了", "掉下去了", "摔下去了"},
		needs: personWords, unless: []string{"树", "车", "东西", "手机", "快递", "花盆", "衣服", "招牌", "瓷砖", "砖", "玻璃", "空调", "灯", "垃圾", "水", "墙", "牌", "杆", "井盖"}},
	{kind: EmergencyMedical, trigger: []string{"摔倒", "摔了", "跌倒", "摔跤", "滑倒", "跌了", "倒在"},
		needs: []string{"起不来", "爬不起来", "站不起来", "动不了", "不能动", "不会动", "流血", "出血", "骨折", "不说话", "没反应", "没意识", "叫不醒", "头破"}},
	{kind: EmergencyMedical, trigger: []string{"起不来了", "爬不起来", "站不起来了", "动不了了"},
		needs: personWords, unless: []string{"车", "床", "早上", "早晨", "闹钟", "懒"}},
	{kind: EmergencyMedical, trigger: []string{"爬上窗台", "爬上阳台", "爬到窗外", "爬窗台", "爬到窗户外", "悬在窗外", "挂在窗外", "站在窗台", "坐在窗台", "爬到阳台外"},
		needs: []string{"孩子", "小孩", "小朋友", "宝宝", "娃", "人", "老人"}},

	// people shut in
	{kind: EmergencyTrapped, trigger: []string{"被困", "困在", "困住", "困人", "关在电梯", "关电梯里", "卡在电梯", "电梯关人", "电梯里关", "反锁在", "锁在车里", "锁在屋里", "锁在家里", "锁在里面", "关在里面"},
		unless: []string{"困难", "困惑", "困扰", "困意", "犯困", "下雨", "疫情", "封控", "隔离", "堵车", "作业", "工作", "家务", "题", "钥匙", "手机", "无聊", "没出门", "出不了门", "闷", "一天", "高速", "在路上", "机场", "车站", "外地"}},
	{kind: EmergencyTrapped, trigger: []string{"出不来了", "出不来", "出不去了", "打不开门"},
		needs:      []string{"电梯里", "关在", "锁在", "困", "卡在", "反锁", "孩子", "小孩", "老人"},
		needsAlso:  []string{"电梯", "屋", "房间", "厕所", "卫生间", "阳台", "车里", "里面", "门", "关", "锁", "卡", "困"},
		unless:     []string{"车", "钥匙", "门禁卡", "停车", "下雨"},
		unlessText: []string{"乱停", "堵", "挡", "停满"}},
	{kind: EmergencyTrapped, trigger: []string{"在里面", "在电梯里", "在里边", "在里头", "困里面"},
		needs: []string{"电梯"}, needsAlso: []string{"打不开", "出不去", "出不来", "卡", "停", "不动", "困", "关"},
		unless: []string{"抽烟", "吸烟", "广告", "说话", "聊天"}},
	{kind: EmergencyTrapped, trigger: []string{"里面有人", "电梯里有人", "里边有人", "里头有人"},
		needs: []string{"卡", "停", "坏", "关", "不动", "困", "掉", "出不来"}, unless: []string{"抽烟", "吸烟", "说话", "聊天", "广告"}},
	{kind: EmergencyTrapped, trigger: []string{"卡住了", "卡在", "卡住"},
		needs: []string{"头", "脚", "腿", "胳膊", "手指", "身子", "脖子"}, unless: []string{"车", "头发"}},

	// fire, smoke, burning smell
	{kind: EmergencyFire, trigger: []string{"着火", "起火", "失火", "火灾", "烧起来", "燃起来", "火苗", "火光", "冒火", "火很大", "火好大", "烟雾报警", "烟感报警", "烟感响", "电线起火", "短路起火", "爆炸", "冒火花", "打火花", "漏电"},
		unless: figurativeFire},
	{kind: EmergencyFire, trigger: []string{"快打119", "打119", "叫消防", "叫消防车"}, unless: figurativeFire},
	{kind: EmergencyViolence, trigger: []string{"快报警", "打110", "快打110", "报警了", "叫警察"}, unless: []string{"诈骗", "骗", "报警器", "电话"}},
	{kind: EmergencyFire, trigger: []string{"点着了", "烧着了"},
		unless: append([]string{"蚊香", "香烟", "烟头", "蜡烛", "炉子", "灶", "火柴"}, figurativeFire...)},
	{kind: EmergencyFire, trigger: []string{"浓烟", "冒黑烟", "冒烟", "烟味很大", "好大的烟", "很大的烟", "好大烟味", "全是烟雾", "到处是烟", "满屋子烟"},
		unless: append([]string{"烟囱", "烧烤", "油烟", "做饭", "炒菜", "抽烟", "吸烟", "烧纸", "烧香", "蚊香", "排气管", "尾气", "跑得", "快得", "开得", "累得", "热得"}, figurativeFire...)},
	{kind: EmergencyFire, trigger: []string{"焦糊味", "烧焦味", "焦味", "糊味", "烧焦的味", "塑料烧焦"},
		unless: []string{"饭", "菜", "锅", "烤", "煮", "炒", "烧烤", "做饭"}},

	// gas
	{kind: EmergencyGas, trigger: []string{"煤气味", "燃气味", "天然气味", "液化气味", "煤气泄漏", "燃气泄漏", "天然气泄漏", "液化气泄漏", "煤气漏", "燃气漏", "天然气漏", "煤气中毒", "一氧化碳", "闻到煤气", "闻到燃气", "闻到天然气", "煤气的味道", "燃气的味道"},
		unless: []string{"燃气费", "缴费", "交费", "充值", "开通", "安装", "报装", "检查"}},
	{kind: EmergencyGas, trigger: []string{"漏气"}, unless: tyreWords},

	// violence
	{kind: EmergencyViolence, trigger: []string{"打架", "打起来了", "打起来", "斗殴"},
		unless: []string{"猫", "狗", "鸡", "鸟", "鹅", "眼皮", "小孩", "孩子", "小朋友", "娃", "游戏", "电视", "电影"}},
	{kind: EmergencyViolence, trigger: []string{"打人了", "在打人", "打人", "持刀", "动刀", "砍人", "捅人", "抢劫", "抢包", "家暴", "撬门", "撬锁", "入室盗窃", "有人在偷", "耍酒疯", "要杀人"},
		unless: []string{"游戏", "电视", "电影", "打人家"}},
	{kind: EmergencyViolence, trigger: []string{"拿刀", "拿着刀", "拿棍子", "拿着棍子", "捅了"},
		needs:  []string{"追", "砍", "捅", "威胁", "吓", "闹", "吵", "打", "冲", "挥", "杀", "伤"},
		unless: []string{"切菜", "做饭", "厨房", "西瓜", "马蜂", "蜂窝", "篓子"}},

	// drowning
	{kind: EmergencyDrowning, trigger: []string{"溺水", "落水", "掉水里", "掉进水里", "掉到水里", "掉河里", "掉进河里", "掉到河里", "掉池塘", "掉进池塘", "掉湖里", "掉进湖里", "掉进水池", "掉进池子", "淹水里", "快淹死", "被淹死"},
		unless: []string{"手机", "钥匙", "东西", "球", "玩具", "鞋", "帽子", "钱包", "包", "衣服", "落水管", "落水口"}},
	{kind: EmergencyDrowning, trigger: []string{"沉下去", "在水里扑腾"}, needs: personWords, unless: []string{"地", "路", "井盖", "砖"}},
}

// negators cancel a trigger that follows them closely (差点 too: it did
// not happen). 不 must touch the trigger (打不着火), since 不好了，着火了 is a
// call for help.
var negators = []string{"没有", "没", "不是", "并没有", "未", "无", "别", "不会", "不要", "差点", "差一点", "险些", "防止", "避免", "以免"}

// overWords say the emergency is over: the text is news, not a call.
var overWords = []string{"已经好了", "现在好了", "都好了", "早就好了", "今天好了", "没事了", "没什么事", "没大碍", "灭了", "扑灭", "救出来", "已经出来了", "人出来了", "送医院", "送去医院", "送到医院", "送医", "醒过来", "醒了", "被救", "虚惊一场", "误会", "误报", "假的", "谣言", "补好", "修好", "处理好", "解决了", "搞定", "人散了", "已经走了", "抓到了", "抓走了", "带走了"}

// saysOver reports whether s has one of overWords not negated right before
// it: 醒了 is over, 叫不醒了 and 还没灭 are not.
func saysOver(s string) bool {
	for _, w := range overWords {
		for from := 0; ; {
			i := strings.Index(s[from:], w)
			if i < 0 {
				break
			}
			i += from
			before := s[:i]
			if !strings.HasSuffix(before, "不") && !strings.HasSuffix(before, "没") && !strings.HasSuffix(before, "没有") && !strings.HasSuffix(before, "未") {
				return true
			}
			from = i + len(w)
		}
	}
	return false
}

// urgentWords keep an emergency alive against overWords.
var urgentWords = []string{"救命", "快来", "快点", "赶紧", "马上", "快打", "快叫"}

// emergencyPastWords put the text in the past.
var emergencyPastWords = []string{"昨天", "前天", "上周", "上个月", "去年", "以前", "之前", "那天", "上次", "前几天", "当年", "小时候", "那次", "年前"}

// presentWords keep an emergency alive against emergencyPastWords.
var presentWords = []string{"现在", "正在", "还在", "一直", "到现在", "今天", "刚才", "刚刚", "又", "快来", "赶紧", "救命", "马上"}

// adviceWords make the whole text advice about emergencies (着火了打119，
// 停水找物业，记住了).
var adviceWords = []string{"记住", "记得", "牢记", "口诀", "须知", "常识"}

// hypotheticalWords make a clause general or hypothetical.
var hypotheticalWords = []string{"听说", "据说", "电视上", "网上", "隔壁小区", "别的小区", "防溺水", "防火", "防盗", "如果", "万一", "假如", "要是", "假设", "一旦", "遇到", "碰到", "的话", "预防", "防范", "小心", "注意", "当心", "谨防", "提醒", "演练", "演习", "模拟", "培训", "讲座", "知识", "宣传", "容易", "可能会", "会不会", "担心", "迟早", "电影", "电视剧", "新闻", "视频", "梦见", "做梦", "游戏"}

// Emergency reports whether text tells of an emergency happening now, and
// its kind (EmergencyMedical, EmergencyFire, EmergencyGas,
// EmergencyTrapped, EmergencyViolence, EmergencyDrowning). Text is
// normalised first (Traditional, full width). It does not need the
// segmenter, so it answers even while the dictionaries load.
func (n *NLU) Emergency(text string) (kind string, ok bool) {
	return detectEmergency(prepare(text).text)
}

// detectEmergency applies the rules to normalised text.
func detectEmergency(s string) (string, bool) {
	if s == "" || !anyTrigger(s) {
		return "", false // most messages: one scan, no guard looked at
	}
	if saysOver(s) && !anyIn(s, urgentWords) {
		return "", false
	}
	if anyIn(s, emergencyPastWords) && !anyIn(s, presentWords) {
		return "", false
	}
	if anyIn(s, adviceWords) {
		return "", false
	}
	clauses := splitClauses(s)
	for _, r := range emergencyRules {
		for _, c := range clauses {
			if r.fires(c, s) {
				return r.kind, true
			}
		}
	}
	return "", false
}

// triggersByRune indexes every trigger of every rule by its first rune.
var triggersByRune = func() map[rune][]string {
	m := map[rune][]string{}
	for _, r := range emergencyRules {
		for _, t := range r.trigger {
			first, _ := utf8.DecodeRuneInString(t)
			m[first] = append(m[first], t)
		}
	}
	return m
}()

// anyTrigger reports whether s contains a trigger of any rule.
func anyTrigger(s string) bool {
	for i, r := range s {
		for _, t := range triggersByRune[r] {
			if strings.HasPrefix(s[i:], t) {
				return true
			}
		}
	}
	return false
}

// fires reports whether rule r fires in clause c of message s.
func (r *emergencyRule) fires(c, s string) bool {
	if anyIn(c, hypotheticalWords) || anyIn(c, r.unless) || anyIn(s, r.unlessText) || figurative(c) {
		return false
	}
	if len(r.needs) > 0 && !anyIn(s, r.needs) || len(r.needsAlso) > 0 && !anyIn(s, r.needsAlso) {
		return false
	}
	for _, t := range r.trigger {
		for from := 0; ; {
			i := strings.Index(c[from:], t)
			if i < 0 {
				break
			}
			i += from
			if !negatedAt(c, i, t) {
				return true
			}
			from = i + len(t)
		}
	}
	return false
}

// figurative reports whether clause c likens something (像着火): 像 that is
// not 好像 (it seems) or part of 录像, 图像, 影像.
func figurative(c string) bool {
	if !strings.Contains(c, "像") {
		return false
	}
	for _, w := range []string{"好像", "录像", "图像", "影像", "像是", "头像"} {
		c = strings.ReplaceAll(c, w, "")
	}
	return strings.Contains(c, "像")
}

// negatedAt reports whether the trigger t at byte i of c is negated: a
// negator ends within two characters before it (没有着火, 没着火, 不是晕倒,
// 没有人被困), unless the trigger itself starts with that negator (没呼吸).
func negatedAt(c string, i int, t string) bool {
	before := c[:i]
	// look back up to two runes beyond the negator: 没有人被困, 并没有着火
	window := lastRunes(before, 4)
	if strings.HasSuffix(before, "不") && !strings.HasPrefix(t, "不") {
		return true
	}
	for _, neg := range negators {
		if strings.HasPrefix(t, neg) {
			continue
		}
		j := strings.LastIndex(window, neg)
		if j < 0 {
			continue
		}
		gap := window[j+len(neg):]
		if len([]rune(gap)) <= 2 {
			return true
		}
	}
	return false
}

// lastRunes returns the last n runes of s.
func lastRunes(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[len(r)-n:])
}

// splitClauses splits normalised text at punctuation and spaces.
func splitClauses(s string) []string {
	return strings.FieldsFunc(s, func(r rune) bool {
		switch r {
		case ',', '.', '!', '?', ';', '，', '。', '！', '？', '；', '…', '~', '～', ' ', '\n', '\t', '、':
			return true
		}
		return false
	})
}

// anyIn reports whether s contains one of words.
func anyIn(s string, words []string) bool {
	for _, w := range words {
		if strings.Contains(s, w) {
			return true
		}
	}
	return false
}
