package nlu

import (
	"slices"

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

// selfHarmRules are the rules of SelfHarm.
var selfHarmRules = []emergencyRule{selfHarmRule, selfHarmJump, selfHarmOverdose}

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
