package nlu

import (
	"slices"
	"strings"

	"linli/textnorm"
)

// Self-harm. Someone about to jump or take their own life is a medical
// emergency (120) where the police are called too (110): they can talk
// someone down, open a door, hold a crowd back. SelfHarm tells such a
// medical emergency from a fall or a faint. Its rules are emergency rules
// and keep every guard of Emergency (negation, the past, news and fiction,
// advice, jokes), and the text must be a medical emergency as well.

// selfHarmIntensifiers make 不想活了 and 想跳楼 a way of saying how tired,
// angry or fed up the writer is (累得不想活了, 烦得想跳楼, 真想跳楼).
var selfHarmIntensifiers = []string{"累得", "烦得", "愁得", "忙得", "穷得", "困得", "饿得", "热得", "冷得", "急得", "吵得", "闹得", "难受得", "恨不得", "真想", "都想", "想死的心", "要命", "甩卖", "清仓", "大甩卖", "自杀式", "防自杀", "预防", "跳楼机"}

// selfHarmRule: someone says or shows they mean to die now (要跳楼, 不想活了
// 要寻死, 割腕). A medical rule of Emergency.
var selfHarmRule = emergencyRule{kind: EmergencyMedical,
	trigger: []string{"跳楼", "要跳楼", "想跳楼", "不活了", "不想活", "寻死", "寻短见", "轻生", "自杀", "上吊", "割腕"},
	unless:  append(slices.Clone(medicalUnless), selfHarmIntensifiers...), unlessText: append(slices.Clone(medicalUnlessText), "加班", "考试", "上班", "减肥", "房价")}

// overdoseWords are the poisons and pills people take to die.
var overdoseWords = []string{"安眠药", "农药", "老鼠药", "鼠药", "敌敌畏", "百草枯", "除草剂", "安定片"}

// overdoseRule: someone has swallowed poison or a lot of pills (吃了很多安眠药,
// 喝了敌敌畏): a medical emergency whatever the intent. Spraying crops,
// poisoning rats and pets are not.
var overdoseRule = emergencyRule{kind: EmergencyMedical, trigger: overdoseWords,
	needs:  []string{"吃了很多", "吃了好多", "吃了一瓶", "吃了一整瓶", "吃了半瓶", "吃了一把", "吃了一大把", "吃下去", "吃光", "一整瓶", "整瓶", "吞", "喝"},
	unless: []string{"打农药", "喷", "残留", "蔬菜", "菜上", "买", "卖", "放了", "撒", "洒", "投放", "灭鼠", "哪里", "哪儿", "狗", "猫", "宠物", "鸡", "鸭"}}

// selfHarmJump: a person on a roof, a balcony or a ledge who is about to
// jump (站在楼顶上要跳, 在阳台外面要跳下去); the Emergency rule for a person
// at a height fires too.
var selfHarmJump = emergencyRule{kind: EmergencyMedical,
	trigger: []string{"要跳", "想跳", "往下跳", "跳下去", "跳下来", "楼顶边上", "坐在楼顶", "站在楼顶", "站在天台边", "坐在天台边", "天台边上", "跨出栏杆", "跨过栏杆"},
	needs:   []string{"楼顶", "天台", "窗", "阳台", "楼", "栏杆", "桥"}, needsAlso: personWords,
	unless: append([]string{"跳绳", "跳舞", "跳广场舞", "跳高", "跳远", "跳起来", "晾", "衣服", "被子", "花盆", "东西", "玩具", "掉到", "广告", "看风景", "风景", "晒", "装空调", "安装", "维修", "师傅在修", "倒", "扔", "丢", "泼", "猫", "狗", "蹦床"}, selfHarmIntensifiers...)}

// selfHarmOverdose is overdoseRule for SelfHarm: a child or a pet that ate
// rat poison by mistake is an emergency, not self-harm.
var selfHarmOverdose = func() emergencyRule {
	r := overdoseRule
	r.unlessText = []string{"误吃", "误服", "误食", "误喝", "不小心", "宝宝", "小朋友", "婴儿"}
	return r
}()

// intentWords say someone means to do it now: 要, 想, 准备, 说要, 闹着.
var intentWords = []string{"要", "想", "准备", "打算", "闹着", "嚷着", "喊着", "正在", "在"}

// selfHarmIntent: someone says they want to die or mean to take their own
// life (我活不下去了想死, 我想结束自己的生命, 婆婆说要喝药自尽, 我准备烧炭,
// 说要自残). 想死, 不想活, 活不下去 say the intent themselves; the acts
// (自尽, 烧炭, 割腕…) need an intent word before them or 了 after them.
// Figures of speech are not: 笑得我想死, 累得活不下去 (figureOfDeath), 想死你了.
var selfHarmIntent = emergencyRule{kind: EmergencyMedical, selfHarm: true,
	trigger: []string{"结束自己的生命", "结束自己生命", "结束生命", "了结自己", "自尽", "轻生", "寻短见", "寻死", "烧炭", "自残", "割腕", "上吊", "自杀", "喝农药", "喝敌敌畏"},
	intent:  intentWords, figure: figureOfDeath, unless: deathUnless, unlessText: deathUnlessText}

// selfHarmWish: 想死, 不想活, 活不下去 say the intent themselves (我想死
// 活着太累了, 我活不下去了).
var selfHarmWish = emergencyRule{kind: EmergencyMedical, selfHarm: true,
	trigger: []string{"想死", "不想活", "活不下去", "不活了", "不想再活"},
	figure:  figureOfDeath, unless: deathUnless, unlessText: deathUnlessText}

// deathUnless and deathUnlessText guard selfHarmIntent and selfHarmWish:
// missing someone (想死你了), charcoal for warmth or a barbecue, a plant,
// a game, the intensifiers.
var deathUnless = append([]string{"想死你", "想死您", "想死我了", "想死大家", "想死宝", "想死他", "想死她", "想死它", "想死人", "烧炭取暖", "烧炭烤", "炭火", "烧烤", "烤肉", "火锅", "取暖", "植物", "花", "草", "树", "鱼", "游戏", "角色", "剧情", "歌"}, selfHarmIntensifiers...)

var deathUnlessText = []string{"加班", "考试", "上班", "减肥", "房价", "吃火锅", "烧烤", "烤肉", "吃撑", "工资", "想死在"}

// figureOfDeath reports whether the trigger t at byte i of clause c says how
// much rather than what: after a degree complement (笑得我想死, 累得都不想
// 活了, 穷得活不下去), but not after 觉得, 记得, 晓得 (我觉得我活不下去了).
func figureOfDeath(c string, i int, t string) bool {
	before := lastRunes(c[:i], 4)
	j := strings.LastIndex(before, "得")
	if j < 0 {
		return false
	}
	for _, w := range []string{"觉得", "记得", "晓得", "懂得", "显得", "舍不得", "非得", "得了"} {
		if strings.Contains(before[max(0, j-len(w)+len("得")):], w) {
			return false
		}
	}
	return true
}

// selfHarmJump: someone who means to jump from a height (隔壁小伙子要从12楼
// 跳下去, 我想从楼上跳下去, 老伴说要从阳台跳下去): an intent word before
// the jump, a person (or the writer) and a height in the message.
var selfHarmJumpFrom = emergencyRule{kind: EmergencyMedical, selfHarm: true,
	trigger: []string{"跳下去", "跳下来", "往下跳", "跳楼", "跳了下去"},
	intent:  intentWords, figure: figureOfDeath,
	needs: []string{"楼", "天台", "阳台", "窗", "栏杆", "桥", "顶"}, needsAlso: append([]string{"我", "自己"}, personWords...),
	unless: append([]string{"楼梯", "台阶", "沙发", "床上", "椅子", "床", "跳绳", "跳舞", "蹦床", "跳楼价", "跳楼机", "镜头", "片段", "电影", "猫", "狗", "衣服", "东西"}, selfHarmIntensifiers...)}

// selfHarmLedge: a grown-up outside the railing or on the ledge of a roof
// or a balcony (3栋有人爬到楼顶栏杆外面了). A child climbing out is an
// accident, not self-harm (the Emergency rule for a child at a window fires).
var selfHarmLedge = emergencyRule{kind: EmergencyMedical, selfHarm: true,
	trigger: []string{"栏杆外", "护栏外", "窗台外", "窗户外面", "阳台外面", "楼顶边", "天台边", "爬到楼顶", "爬上楼顶", "翻过栏杆", "翻出栏杆", "翻过护栏", "站在窗台", "坐在窗台"},
	needs:   []string{"楼顶", "天台", "阳台", "窗", "栏杆", "护栏", "桥"}, needsAlso: personWords,
	unless:     []string{"晾", "衣服", "被子", "花盆", "东西", "擦窗", "擦玻璃", "装空调", "安装", "维修", "师傅", "广告", "风景", "晒"},
	unlessText: []string{"孩子", "小孩", "小朋友", "宝宝", "娃", "婴儿", "猫", "狗", "鸟", "工人", "师傅", "安全绳", "施工"}}

// pillWords are medicines and pills, whatever their name (降压药, 安眠药, 药片).
var pillWords = []string{"药", "药片", "片"}

// selfHarmPills: someone has swallowed a whole bottle or all the medicine
// in the house (我儿子吃了一整瓶降压药, 我妈把家里的药全吃了): a medical
// emergency whatever the intent. A course of medicine taken as told is not
// (医生开的药全吃了 还不见好).
var selfHarmPills = emergencyRule{kind: EmergencyMedical, selfHarm: true,
	trigger: []string{"吃了一整瓶", "吞了一整瓶", "喝了一整瓶", "吃了一瓶", "吞了一瓶", "一整瓶药", "一整盒药", "整瓶药", "药全吃了", "药全吞了", "药都吃了", "药全部吃了", "药都吞了", "全吃了", "全吞了", "全部吞了", "吞了一把", "吃了一大把", "吞了很多", "吞了好多", "吃了很多药", "吃了好多药"},
	needs:   pillWords, needsAlso: append([]string{"我", "自己"}, personWords...),
	unless:     []string{"维生素", "钙片", "糖", "零食", "饼干", "口香糖", "感冒药", "消炎药", "开的", "疗程", "按时", "按医嘱", "还是", "没用", "不管用", "效果", "不见好", "没好", "好转", "一天", "每天", "几天", "一周", "一个月"},
	unlessText: []string{"误吃", "误服", "不小心", "宝宝", "小朋友", "婴儿", "狗", "猫", "不见好", "还没好", "没效果", "医生说"}}

// selfHarmRules are the rules of SelfHarm.
var selfHarmRules = []emergencyRule{selfHarmRule, selfHarmJump, selfHarmOverdose, selfHarmIntent, selfHarmWish, selfHarmJumpFrom, selfHarmLedge, selfHarmPills}

// SelfHarm reports whether text tells of a medical emergency in which
// someone is about to jump or take their own life, or has taken poison or
// a lot of pills (then the police are called as well as the ambulance).
// Like Emergency it needs no segmenter.
func (WordLists) SelfHarm(text string) bool {
	return selfHarmOf(textnorm.Normalize(text))
}

// selfHarmOf applies SelfHarm to normalised text.
func selfHarmOf(s string) bool {
	s = emergencyText(s)
	if kind, _ := detectEmergency(s); kind != EmergencyMedical {
		return false
	}
	spans := clauseSpans(s)
	for i := range selfHarmRules {
		r := &selfHarmRules[i]
		for _, c := range spans {
			if r.fires(c, s) {
				return true
			}
		}
	}
	return false
}
