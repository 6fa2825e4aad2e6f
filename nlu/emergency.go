package nlu

import (
	"slices"
	"strings"
	"unicode/utf8"

	"linli"
	"linli/textnorm"
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
//     a time long past before the trigger makes it an experience even when
//     the text goes on in the present (去年我被困电梯里，现在还怕);
//   - it is figurative: 着火似的, 急得像着火, 气得冒烟, 眼皮打架;
//   - it is hypothetical or general: 万一着火怎么办, 小心火灾, 消防演练;
//   - it is what a child at play said: 孙子玩消防车玩具，说着火了;
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
	EmergencyHelp     = linli.EmergencyHelp
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
	// generic rules say help is needed without saying what the danger is
	// (救命, 打120, 快报警): they count only when no specific rule fires,
	// and their kind names the numbers to call.
	generic bool
	// needsPlace: a generic call counts only with a place (救命 5栋) or
	// alone in a short message (救命啊！).
	needsPlace bool
	// intent, when set, must end within intentWindow runes before the
	// trigger in its clause (要从12楼跳下去, 准备烧炭), or the trigger be
	// followed by 了 (割腕了: done).
	intent []string
	// figure, when set, reports whether the trigger at byte i of clause c
	// is a figure of speech (笑得我想死, 想死你了).
	figure func(c string, i int, t string) bool
	// selfHarm: a rule of SelfHarm. Someone about to take their life is a
	// medical emergency even when shut in or holding a knife (锁在屋里说要
	// 割腕): the ambulance and the police are both called.
	selfHarm bool
}

// intentWindow is how far before a trigger an intent word may end.
const intentWindow = 8

// personWords are people whose collapse is an emergency.
var personWords = []string{"人", "送外卖", "骑手", "司机", "老公", "老婆", "儿子", "女儿", "婴儿", "外婆", "外公", "姥姥", "姥爷", "老头子", "老太婆", "大姐", "大哥", "大叔", "大婶", "阿婆", "阿爷", "老人", "老太太", "大爷", "大妈", "奶奶", "爷爷", "阿姨", "叔叔", "孩子", "小孩", "小朋友", "宝宝", "老头", "老太", "婆婆", "公公", "他", "她", "我妈", "我爸", "老伴", "邻居", "外卖员", "快递员", "保洁", "保安", "师傅", "男的", "女的", "小伙", "姑娘", "娃", "男孩", "女孩", "小哥", "醉汉", "骑车的", "骑电动车的", "骑电瓶车的", "路人", "行人", "老奶奶", "老爷爷"}

// tyreWords are things whose 漏气 is not a gas leak.
var tyreWords = []string{"胎", "轮", "气球", "球", "充气", "打气", "气垫", "游泳圈", "自行车", "电动车", "单车", "汽车", "车子", "气门", "床垫", "沙发", "玩具", "补", "枕"}

// figurativeTrapped are the words that make being shut in a figure of speech
// or a game: 被困在这个群的消息里, 被作业困住了, 密室逃脱.
var figurativeTrapped = []string{"群", "消息", "工作", "作业", "密室", "游戏", "剧", "题", "会议", "思维", "循环", "被窝", "购物车", "双十一", "信号", "加班", "晾衣架", "有没有人会修"}

// figurativeFire are the words that make fire or smoke a figure of speech.
var figurativeFire = []string{"似的", "一样", "仿佛", "急得", "气得", "渴得", "热得", "整个人", "心里", "头顶", "嗓子", "喉咙", "脑袋", "脑子", "眼睛", "脸", "火锅", "得我", "热到", "一点就着", "炮仗"}

// medicalUnless and medicalUnlessText are the guards of a person in
// danger (晕倒, 没呼吸): words that make the trigger about a price, a game,
// a tyre or a pet, or a figure of speech.
var medicalUnless = []string{"意识到", "笑", "哈哈", "贵", "价", "看得", "听得", "绕", "气得", "馋", "帅", "美得", "晕车", "快要", "要晕", "快晕", "都要", "简直", "起床", "上学", "懒觉", "赖床", "睡得", "轮胎", "车胎", "气球", "球", "轮", "胎", "电费", "账单", "分数", "成绩", "股票", "基金", "游戏", "吃鸡", "队友", "过家家", "画", "电池", "自行车没气", "车没气", "打气筒", "狗", "猫", "宠物", "鱼", "热水器", "罐"}

var medicalUnlessText = []string{"压力", "工作像", "作业", "房贷", "血压", "学习"}

var emergencyRules = []emergencyRule{
	// people in danger
	{kind: EmergencyMedical, trigger: []string{"晕倒", "昏倒", "晕过去", "昏过去", "厥过去", "昏迷", "不省人事", "叫不醒", "喊不醒", "叫不应", "叫他不应", "叫她不应", "喊不应", "喊她都不答应", "喊他都不答应", "叫都不应", "都不应", "没有呼吸", "没呼吸", "没了呼吸", "呼吸困难", "喘不上气", "喘不过气", "喘不上来气", "喘不过来气", "抽搐", "抽风", "抽筋", "浑身抽", "口吐白沫", "休克", "晕厥", "昏厥", "倒地不起", "躺在地上不动", "躺地上不动", "流了很多血", "流了好多血", "好多血", "一滩血", "一大滩血", "血止不住", "血流不止", "血哗哗", "直冒血", "在冒血", "大出血", "出血了", "满头是血", "满脸是血", "头破血流", "一直流血", "血一直流", "骨头都露", "心脏病发", "心脏病犯", "心梗", "脑梗", "中风", "嘴歪", "嘴也歪", "捂着胸口", "胸口疼", "胸口痛", "速效救心丸", "海姆立克", "人工呼吸", "心肺复苏", "在按压", "AED", "触电", "被电到", "电到人", "噎住", "卡喉咙", "卡住喉咙", "卡在喉咙", "呛着了", "脸都紫", "脸发紫", "脸发青", "嘴唇发紫", "坠楼", "跨出栏杆", "跨过栏杆",
		"不呼吸", "没气了", "没有气了", "莫得气", "没了气", "晕到了", "昏到了", "晕低", "喝农药", "喝了农药", "吃了老鼠药", "吃了安眠药", "吞了一瓶", "吐血", "翻白眼", "抽过去", "吞了硬币", "救护车怎么还没到", "救护车还没到", "🚑",
		"喘不了气", "满地打滚", "疼得打滚", "血一直冒", "血一直流", "血往外冒", "按不住", "割了好深", "割得好深", "伤口好深", "被开水烫", "被热油烫", "烫伤了", "烧伤了", "皮都起来",
		"心脏骤停", "没意识", "没有意识", "意识不清", "失去意识", "高烧抽", "过敏休克", "喉咙肿", "被蛇咬", "中暑晕", "从楼上掉下来", "从楼上摔下来", "摔下楼", "滚下楼梯", "从梯子上摔"},
		unless: medicalUnless, unlessText: medicalUnlessText},
	selfHarmRule, overdoseRule, selfHarmIntent, selfHarmWish, selfHarmJumpFrom, selfHarmLedge, selfHarmPills,
	{kind: EmergencyMedical, trigger: []string{"一动不动", "趴着不动", "躺着不动", "躺在地上", "躺地上", "躺着", "倒下了", "倒下", "晕了", "倒了", "没动", "不动了", "没反应", "没有反应", "不答应", "瘫坐", "瘫在", "不会说话了", "说不出话", "憋得脸"},
		needs: personWords, unless: []string{"树", "车", "牌", "杆", "墙", "猫", "狗", "鸟", "装死", "哈哈", "笑", "看", "听", "沙发上玩", "手机", "电脑", "网", "群里", "消息", "微信", "电话", "垃圾", "货", "床上看", "晒太阳", "休息", "乘凉", "睡觉", "睡着", "门禁", "刷卡", "充电", "剩", "桶", "倒水", "没人", "摇不动", "推不动", "拉不动", "晾衣架", "快递柜", "动手", "踩不动", "缝纫机", "机器"}},
	{kind: EmergencyMedical, trigger: []string{"楼顶边上", "坐在楼顶", "站在楼顶", "要跳", "想跳下去", "要往下跳", "站在天台边", "坐在天台边", "天台边上", "楼顶上", "窗户外面", "窗外面", "阳台外面", "空调外机上", "空调平台", "栏杆外", "爬出去", "挂着个人", "扒着栏杆", "手扒着"},
		needs: []string{"楼顶", "天台", "窗", "阳台", "楼", "栏杆", "空调"}, needsAlso: personWords,
		unless: []string{"跳绳", "跳舞", "跳广场舞", "跳高", "跳远", "跳起来", "晾", "衣服", "被子", "花盆", "东西", "玩具", "掉到", "广告", "看风景", "风景", "晒", "装空调", "安装", "维修", "师傅在修", "倒", "扔", "丢", "泼", "价", "甩卖", "清仓"}},
	{kind: EmergencyMedical, trigger: []string{"倒地", "倒在地上", "倒在", "倒地上", "摔地上", "栽倒", "歪倒", "摔下来了", "掉下来了", "掉下去了", "摔下去了", "从床上摔", "砸到了人", "砸到人", "砸了头", "砸伤", "被车撞", "撞倒", "被狗咬", "撞飞"},
		needs: personWords, unless: []string{"树", "东西", "手机", "快递", "花盆", "衣服", "招牌", "瓷砖", "砖", "玻璃", "空调", "灯", "垃圾", "水", "墙", "牌", "杆", "井盖"}},
	{kind: EmergencyMedical, trigger: []string{"摔倒", "摔了", "跌倒", "摔跤", "滑倒", "跌了", "倒在", "摔地上", "摔下来"},
		unless: []string{"股", "价", "成绩", "分数", "心在滴血"},
		needs:  []string{"起不来", "爬不起来", "站不起来", "动不了", "不能动", "不会动", "流血", "出血", "骨折", "不说话", "没反应", "没意识", "叫不醒", "头破", "喊疼", "一直喊疼", "骨头", "血", "抱不动", "扶不起来", "不动了", "躺在", "躺地上"}},
	{kind: EmergencyMedical, trigger: []string{"起不来了", "起不来", "爬不起来", "站不起来了", "动不了了"},
		needs: personWords, unless: []string{"车", "床", "早上", "早晨", "闹钟", "懒", "被窝", "周一", "上班", "困"}},
	{kind: EmergencyMedical, trigger: []string{"爬上窗台", "爬上阳台", "爬到窗外", "爬窗台", "爬到窗户外", "悬在窗外", "挂在窗外", "站在窗台", "坐在窗台", "爬到阳台外", "从阳台爬出", "从窗户爬出", "在窗户外"},
		needs: []string{"孩子", "小孩", "小朋友", "宝宝", "娃", "人", "老人"}},

	// people shut in
	{kind: EmergencyTrapped, trigger: []string{"被困", "困在", "困住", "困人", "困电梯", "困着", "关到人", "电梯关人了", "关在电梯", "关电梯里", "卡在电梯", "电梯关人", "电梯里关", "反锁在", "锁在车里", "锁车里", "锁在屋里", "锁在家里", "锁在里面", "关在里面", "锁在厕所", "锁在卫生间", "关在阳台", "被关在", "锁里面", "关着一家人", "关着人", "被锁在", "锁在阳台"},
		unless: []string{"困难", "困惑", "困扰", "困意", "犯困", "下雨", "疫情", "封控", "隔离", "堵车", "作业", "工作", "家务", "题", "钥匙", "手机", "无聊", "没出门", "出不了门", "闷", "一天", "高速", "在路上", "机场", "车站", "外地", "报价", "被窝", "购物车", "双十一", "选", "装修", "树洞", "动画", "熊大", "人质", "开战", "演练", "下大雨", "大雨", "出门", "两天", "三天", "几天", "好几天", "门外"}, unlessText: figurativeTrapped},
	{kind: EmergencyTrapped, trigger: []string{"出不来了", "出不来", "出不去了", "出不去", "打不开门", "门打不开", "撬不开", "下不去"},
		needs:      []string{"电梯", "关在", "锁在", "困", "卡在", "反锁", "孩子", "小孩", "老人", "老婆", "老公", "俩孩子", "我和", "在里面", "里面的人", "烟"},
		needsAlso:  []string{"电梯", "屋", "房间", "厕所", "卫生间", "阳台", "车里", "里面", "门", "关", "锁", "卡", "困", "楼", "储藏间"},
		unless:     []string{"停车", "下雨", "门禁卡", "被窝", "购物车"},
		unlessText: append([]string{"乱停", "堵", "挡", "停满", "快递", "没人"}, figurativeTrapped...)},
	// 卡在储藏室里, 锁在厕所里: the writer or someone shut in somewhere, with a sign of it.
	{kind: EmergencyTrapped, trigger: []string{"卡在", "锁在", "关在", "困在"},
		needs:      []string{"出不去", "出不来", "打不开", "开不了", "门锁坏", "锁坏了", "门把手掉", "门坏了", "救命", "没人开"},
		unless:     []string{"车位", "堵车", "路上"},
		unlessText: figurativeTrapped},
	// 电梯里就我一个 门不开: someone in a lift whose door does not open.
	{kind: EmergencyTrapped, trigger: []string{"电梯里", "轿厢里"},
		needs:      []string{"门不开", "打不开", "出不去", "出不来", "困住", "困了", "救命", "动不了", "不动了", "卡住", "卡在", "好害怕", "好怕"},
		needsAlso:  []string{"我", "人", "孩子", "小孩", "老人", "就我"},
		unlessText: append([]string{"广告", "抽烟", "吸烟", "没人", "以前", "上次"}, figurativeTrapped...)},
	// 电梯里好闷 困了快半个小时了: 困了 alone is sleepy; with a lift it is shut in.
	{kind: EmergencyTrapped, trigger: []string{"困了", "困半", "困快", "困一个", "困十", "困二十"},
		needs: []string{"电梯"}, unlessText: []string{"犯困", "想睡", "睡觉", "瞌睡"}},
	{kind: EmergencyTrapped, trigger: []string{"在里面", "在电梯里", "在里边", "在里头", "困里面", "里面的人", "在拍门", "拍门", "电梯里面"},
		needs: []string{"电梯", "门"}, needsAlso: []string{"打不开", "出不去", "出不来", "卡", "停", "不动", "困", "关", "救命", "喊", "哭", "锁"},
		unless: []string{"抽烟", "吸烟", "广告", "说话", "聊天", "打电话", "信号", "快递", "东西", "钥匙", "没人"}},
	{kind: EmergencyTrapped, trigger: []string{"里面有人", "电梯里有人", "里边有人", "里头有人", "里面有老人", "里面有小孩", "里面小孩", "里面困着", "里面关着"},
		needs: []string{"卡", "停", "坏", "关", "不动", "困", "掉", "出不来", "打不开"}, unless: []string{"抽烟", "吸烟", "说话", "聊天", "广告", "没人"}},
	{kind: EmergencyTrapped, trigger: []string{"电梯卡", "电梯停在两层", "电梯往下掉", "电梯掉", "电梯突然掉", "电梯门打不开", "电梯停电卡", "卡在6楼", "电梯急坠", "电梯下坠", "电梯坠", "电梯往下坠"},
		needs: []string{"人", "小孩", "孩子", "老人", "孕妇", "我", "里面", "小哥", "救命", "哭", "喊", "怕"}, unless: []string{"昨天", "上次", "没人"}},
	{kind: EmergencyTrapped, trigger: []string{"卡住了", "卡在", "卡住", "夹住", "卡在阳台", "卡在防盗窗", "卡在栏杆"},
		needs: []string{"头", "脚", "腿", "胳膊", "手指", "身子", "脖子", "小孩", "孩子", "司机", "人"}, unless: []string{"车位", "头发", "钥匙", "卡在路上", "堵", "没人"},
		unlessText: []string{"喉咙", "嗓子", "鱼刺", "硬币", "吞", "噎"}}, // something swallowed: a person in danger, not shut in

	// fire, smoke, burning smell
	{kind: EmergencyFire, trigger: []string{"着火", "起火", "失火", "火灾", "烧起来", "燃起来", "火苗", "火光", "冒火", "火很大", "火好大", "电线起火", "短路起火", "爆炸", "冒火花", "打火花", "冒蓝火花", "火花", "火星子", "漏电", "全是火", "喷火", "火窜", "火一下", "火快烧", "在烧", "烧到", "着了火", "着火了", "著火", "着活了", "起伙了", "着伙", "遭火烧", "火烧咯", "着🔥", "起🔥", "自燃", "火势", "浓烟滚滚", "烧起来了", "起火点", "燃起来了"},
		unless:     append([]string{"锅气", "炒菜", "颠勺", "燃气灶", "打火机", "烧水", "烧饭", "烧菜", "发烧", "烧烤", "烧纸", "烧香", "火锅", "火车", "火腿", "火龙果", "火爆", "上火", "火气", "肝火"}, figurativeFire...),
		unlessText: []string{"作业", "血压", "压力", "股市", "股票", "基金", "游戏", "我的世界"}},
	{kind: EmergencyFire, trigger: []string{"烟雾报警", "烟感报警", "烟感响", "烟感一直"},
		unlessText: []string{"做饭", "煎", "糊了", "烧焦了", "煮", "烧小菜", "煮嘢", "没电", "滴滴响", "抽烟", "不好意思", "吓到大家", "电池", "该换", "买", "装"}},
	{kind: EmergencyFire, trigger: []string{"🔥"}, needs: []string{"快", "救", "栋", "楼", "单元", "烟", "跑"}, unless: []string{"火爆", "好火", "太火", "热门", "抢", "优惠", "好吃", "辣"}},
	{kind: EmergencyFire, trigger: []string{"着了"}, needs: []string{"火", "烧", "烟", "油锅", "电缆", "电线", "车棚", "垃圾桶", "电瓶", "电动车", "窗帘", "柜子"},
		unless: []string{"睡着", "找着", "买着", "碰着", "遇着", "吃着", "见着", "用不着", "着急", "摸着", "看着"}},
	{kind: EmergencyFire, trigger: []string{"点着了", "烧着了"},
		unless: append([]string{"蚊香", "香烟", "烟头", "蜡烛", "炉子", "灶", "火柴"}, figurativeFire...)},
	{kind: EmergencyFire, trigger: []string{"浓烟", "冒黑烟", "黑烟", "冒白烟", "冒烟", "烟味很大", "烟太大", "好大的烟", "很大的烟", "好大烟味", "好重的烟味", "烟味好重", "全是烟", "全是烟雾", "到处是烟", "满屋子烟", "屋里全是烟", "往外冒烟", "门缝都在冒"},
		unless: append([]string{"烟囱", "烧烤", "油烟", "做饭", "炒菜", "抽烟", "吸烟", "烧纸", "烧香", "蚊香", "排气管", "尾气", "跑得", "快得", "开得", "累得", "热得", "烟头", "炒", "辣椒", "煎", "炸鱼", "开窗了", "抽油烟机", "蒸汽", "水蒸气", "电饭煲", "正常吧", "加湿器"}, figurativeFire...)},
	{kind: EmergencyFire, trigger: []string{"焦糊味", "烧焦味", "焦味", "糊味", "烧焦的味", "塑料烧焦", "电线烧焦", "烧塑料的味"},
		unlessText: []string{"饭", "菜", "锅", "烤", "煮", "炒", "烧烤", "做饭", "糖色", "熬"}},
	{kind: EmergencyFire, trigger: []string{"噼里啪啦", "噼啪", "啪啪响", "滋滋冒"}, needs: []string{"烟", "火", "焦", "电表", "电箱", "电线", "电缆", "电瓶", "充电"}, unless: []string{"鞭炮", "炮", "过年", "烟花", "下雨", "雨"}},
	{kind: EmergencyFire, trigger: []string{"炸了"}, needs: []string{"电瓶", "电动车", "电池", "充电", "车棚", "煤气罐", "锅", "火"}, unless: []string{"手机", "群", "消息", "气炸", "炸鸡", "炸串", "油炸"}},
	{kind: EmergencyFire, trigger: []string{"快打119", "打119", "叫消防", "叫消防车"}, unlessText: figurativeFire, generic: true},

	// gas
	{kind: EmergencyGas, trigger: withLeakSpellings([]string{"煤气味", "燃气味", "天然气味", "液化气味", "煤气泄漏", "燃气泄漏", "天然气泄漏", "液化气泄漏", "煤气漏", "燃气漏", "天然气漏", "漏煤气", "漏燃气", "漏天然气", "煤气中毒", "一氧化碳", "闻到煤气", "闻到燃气", "闻到天然气", "煤气的味道", "燃气的味道", "臭鸡蛋味", "烂鸡蛋", "天然气的味道", "煤气的味", "燃气的味", "煤汽", "梅气味", "瓦斯", "外泄", "燃气报警器", "煤气报警器", "燃气管挖断", "燃气管道", "燃气管", "煤气管", "调压箱", "煤气罐倒", "软管裂", "气还在冒", "还在冒气", "往外冒气", "嘶嘶声"}),
		unless:     []string{"燃气费", "缴费", "交费", "充值", "开通", "安装", "报装", "检查", "排查", "通知", "改造", "入户安检", "哪买", "在哪买", "推荐", "牌子", "要不要", "定期"},
		unlessText: []string{"下水道", "反味", "化粪池", "垃圾", "厕所", "马桶", "有必要", "多少钱", "臭豆腐", "螺蛳粉", "榴莲", "在煮", "糊锅", "炒菜"}},
	{kind: EmergencyGas, trigger: []string{"冒气", "在冒", "往外冒", "喷气"}, needs: []string{"燃气", "煤气", "天然气", "液化气"},
		unless: []string{"热水器", "锅", "水壶", "蒸"}},
	{kind: EmergencyGas, trigger: []string{"煤气没关", "燃气没关", "天然气没关"}, needs: []string{"味", "闻"}},
	{kind: EmergencyGas, trigger: []string{"漏气", "呲呲", "嘶嘶", "呲气", "嘶气"}, needs: []string{"燃气", "煤气", "天然气", "液化气", "灶", "管", "罐", "味", "热水器"}, unless: tyreWords},
	{kind: EmergencyGas, trigger: []string{"头晕", "头疼恶心", "头晕想吐", "头都晕"}, needs: []string{"燃气", "煤气", "热水器", "怪味", "味道", "气味", "有味"}, unless: []string{"油漆", "装修", "甲醛", "香水"}},

	// violence
	{kind: EmergencyViolence, trigger: []string{"打架", "打起来了", "打起来", "斗殴", "动手了", "动起手", "打成一团"},
		unless: []string{"猫", "狗", "鸡", "鸟", "鹅", "鸽子", "眼皮", "小孩", "孩子", "小朋友", "娃", "游戏", "电视", "电影", "剧", "遥控器", "拉开了", "哥", "弟", "姐妹", "闹着玩", "打闹", "架子鼓", "打架子"}},
	{kind: EmergencyViolence, trigger: []string{"打人了", "在打人", "打人", "持刀", "动刀", "砍人", "捅人", "抢劫", "抢包", "抢了", "家暴", "撬门", "撬锁", "撬车", "门被撬", "入室盗窃", "有人在偷", "进贼", "有贼", "小偷", "翻窗进", "爬阳台", "耍酒疯", "要杀人", "打老婆", "打女人", "打他妈", "打她", "要打我", "被人打", "被打了", "打了快递员", "把快递员打", "砸车", "划车", "抱着别人家孩子", "抢孩子", "拐孩子", "一直跟着我", "跟踪我", "拧我家门把手", "拧门把手", "刀架", "干仗", "打锤", "群殴", "打群架", "被陌生人抱走", "抱走了", "被人抱走",
		"砸门", "砸窗", "被人砸", "弄死", "杀了你", "要杀", "翻墙进", "在撬", "正在撬", "撬窗", "撬柜", "撬一楼", "偷东西", "在偷", "砍伤", "捅伤", "偷电动车", "偷电瓶", "他打我", "在打我", "闹事", "行凶"},
		unless: []string{"游戏", "电视", "电影", "打人家", "剧", "视频", "新闻", "抖音", "防盗", "提醒", "注意", "抓小偷", "早跑了", "笔录", "要砸", "会砸", "砸到车", "电话", "手机", "打我微信"}},
	// harassment now: 有个男的在小区门口耍流氓, 有人在猥亵小女孩. A company
	// or a fee called 耍流氓 is a complaint, not a call; noise that 骚扰 the
	// neighbours is no harassment of a person.
	{kind: EmergencyViolence, trigger: []string{"耍流氓", "猥亵", "性骚扰", "非礼", "露下体", "暴露狂", "露阴", "骚扰女孩", "骚扰女生", "骚扰小女孩", "骚扰小姑娘", "摸女孩", "摸女生", "摸小女孩", "摸小姑娘", "色狼"},
		needs:      append([]string{"暴露狂", "流氓", "色狼"}, personWords...),
		unless:     []string{"物业", "开发商", "公司", "收费", "这是", "简直", "纯属", "就是", "霸王", "条款", "电话", "短信", "广告", "推销", "吗", "呢", "游戏", "剧"},
		unlessText: []string{"电话", "短信", "推销", "广告"}},
	{kind: EmergencyViolence, trigger: []string{"拿刀", "拿着刀", "拿着菜刀", "菜刀", "拿棍子", "拿着棍子", "捅了", "掏出刀", "拿着剪刀", "拿砖头", "拿着砖", "砍刀", "拿着砍刀", "钢管", "铁棍", "棍棒", "拿着棍", "拿着铁"},
		needs:  []string{"追", "砍", "捅", "威胁", "吓", "闹", "吵", "打", "冲", "挥", "杀", "伤", "骂", "乱晃", "砸", "动手", "划", "闹事", "门口"},
		unless: []string{"切菜", "做饭", "厨房", "西瓜", "马蜂", "蜂窝", "篓子", "磨刀", "卖刀", "剪花", "修剪", "皮搋子", "下水道", "马桶", "捅了捅"}},
	// a stranger taking a child who cries: 拽一个小孩走 小孩一直哭
	{kind: EmergencyViolence, trigger: []string{"拽", "拖着", "抱着", "拉着"}, needs: []string{"孩子", "小孩", "小朋友", "娃"},
		needsAlso: []string{"不像他家", "不像她家", "不认识", "陌生", "不是他家", "不是她家"}},
	{kind: EmergencyViolence, trigger: []string{"在砸东西", "砸东西"}, needs: []string{"救命", "哭", "喊", "打", "报警"}},
	{kind: EmergencyViolence, trigger: []string{"快报警", "打110", "快打110", "报警了", "叫警察", "帮忙报警"}, unlessText: []string{"诈骗", "骗", "报警器", "电话", "笔录", "可以打110吗", "还是找"}, generic: true},

	// drowning
	{kind: EmergencyDrowning, trigger: []string{"溺水", "落水", "掉水里", "掉进水里", "掉到水里", "掉河里", "掉进河里", "掉到河里", "掉池塘", "掉进池塘", "掉到池塘", "掉湖里", "掉进湖里", "掉进水池", "掉进池子", "掉进鱼池", "掉进小区水池", "掉进景观", "掉景观湖", "掉进泳池", "跳湖", "跳河", "淹水里", "快淹死", "被淹死", "脸朝下漂", "漂着个人", "一沉一浮", "淹到脖子", "淹到胸口", "没过头顶", "被冲走", "被水冲", "冰窟窿"},
		unless:     []string{"手机", "钥匙", "东西", "球", "玩具", "鞋", "帽子", "钱包", "包", "衣服", "落水管", "落水口", "老家", "村里"},
		unlessText: []string{"工作", "感觉", "作业"}},
	// someone fallen, slipped or swept into water: 滑进了蓄水池, 掉进河沟里, 被冲进地下通道 (水淹到…)
	{kind: EmergencyDrowning, trigger: []string{"掉进", "掉到", "滑进", "跌进", "摔进", "冲进", "跳进", "栽进", "滑下去", "跳下去", "沉底", "脸朝下", "漂着", "抽筋"},
		needs: []string{"河", "湖", "池", "塘", "水沟", "水里", "水中", "江", "海", "冰面", "积水", "水淹"}, needsAlso: personWords,
		unless: []string{"手机", "钥匙", "东西掉", "球", "玩具", "鞋", "帽子", "钱包", "衣服", "树叶", "垃圾", "车", "地", "路", "砖", "鱼"}, unlessText: []string{"工作", "感觉", "作业", "游泳的时候腿"}},
	{kind: EmergencyDrowning, trigger: []string{"沉下去", "在水里扑腾", "在扑腾", "在挣扎", "掉下去了", "掉进去了"}, needs: []string{"水", "河", "湖", "池", "泳池", "深水"}, needsAlso: personWords, unless: []string{"地", "路", "砖", "鱼"}},

	// a call for help that names no danger: only with a place or alone
	{kind: EmergencyHelp, trigger: []string{"救命", "救救", "快来人", "来人啊", "喊救命", "呼救", "求救", "快救人", "救人啊"}, generic: true, needsPlace: true,
		unlessText: []string{"哈哈", "笑", "胖", "吵", "酱油", "借", "猫", "狗", "作业", "游戏", "队友", "吃鸡", "报价", "电费", "工资", "加班", "免费", "鸡蛋", "优惠", "快递", "外卖", "香", "沦陷", "好吃", "好看", "太美"}},
	{kind: EmergencyMedical, trigger: []string{"快打120", "打120", "叫120", "叫救护车", "叫个救护车"}, generic: true,
		unlessText: []string{"过家家", "玩", "哈哈", "游戏"}},
}

// withLeakSpellings adds to the triggers of the gas rule the same words with
// 泄露, the common misspelling of 泄漏 (天然气泄露了).
func withLeakSpellings(triggers []string) []string {
	out := slices.Clone(triggers)
	for _, t := range triggers {
		if strings.Contains(t, "泄漏") {
			out = append(out, strings.ReplaceAll(t, "泄漏", "泄露"))
		}
	}
	return out
}

// negators cancel a trigger that follows them closely (差点 too: it did
// not happen). 不 must touch the trigger (打不着火), since 不好了，着火了 is a
// call for help.
var negators = []string{"没有", "没", "不是", "并没有", "未", "无", "别", "不会", "不要", "差点", "差一点", "险些", "防止", "避免", "以免"}

// overWords say the emergency is over: the text is news, not a call.
var overWords = []string{"已经好了", "现在好了", "都好了", "早就好了", "今天好了", "没事了", "没什么事", "没大碍", "灭了", "扑灭", "救出来", "已经出来了", "人出来了", "送医院", "送去医院", "送到医院", "送医", "醒过来", "醒了", "被救", "虚惊一场", "误会", "误报", "假的", "谣言", "补好", "修好", "处理好", "解决了", "搞定", "人散了", "已经走了", "抓到了", "抓走了", "带走了", "说没事", "坐起来了", "做完笔录", "早跑了", "处理了", "处理完", "复位", "扔水桶", "没烧起来", "换了新的", "已经倒了", "拉开了", "拉走了", "已经没事", "没啥事", "包扎好", "止住了", "没事", "带到保安", "带到了", "找到了", "关好了", "已经关了", "检测过了", "查清楚", "接走了", "拉走", "被120", "恢复得不错", "恢复得很好", "已经恢复", "好多了", "搬走", "才出来", "就好了", "缓过来", "没漏", "派出所说", "原来是", "一看是", "看错了", "假人", "现在能", "现在可以", "弄好了"}

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
			after := s[i+len(w):]
			asked := strings.HasPrefix(after, "吧") || strings.HasPrefix(after, "吗") || strings.HasPrefix(after, "么") || strings.HasPrefix(after, "没")
			if w == "灭了" && (strings.HasSuffix(before, "灯") || strings.HasSuffix(before, "灯都")) {
				asked = true // 灯灭了: the light went out, nothing is over
			}
			if !asked && !strings.HasSuffix(before, "不") && !strings.HasSuffix(before, "没") && !strings.HasSuffix(before, "没有") && !strings.HasSuffix(before, "未") {
				return true
			}
			from = i + len(w)
		}
	}
	return false
}

// urgentWords keep an emergency alive against overWords.
var urgentWords = []string{"救命", "快来", "快点", "赶紧", "马上", "快打", "快叫", "还在冒"}

// emergencyPastWords put the text in the past.
var emergencyPastWords = []string{"上回", "前些年", "老有", "天天", "老是", "经常", "总是", "每次", "昨晚", "昨天", "前天", "上周", "上个月", "去年", "以前", "之前", "那天", "上次", "前几天", "当年", "小时候", "那次", "年前"}

// saysPast reports whether s holds a word of emergencyPastWords; 以前 and
// 之前 count only where they mean long ago, not "before" (我下楼以前看到…:
// timeLongAgo).
func saysPast(s string) bool {
	for _, w := range emergencyPastWords {
		for from := 0; ; {
			i := strings.Index(s[from:], w)
			if i < 0 {
				break
			}
			i += from
			from = i + len(w)
			if (w != "以前" && w != "之前") || timeLongAgo(s[:i]) {
				return true
			}
		}
	}
	return false
}

// presentWords keep an emergency alive against emergencyPastWords.
var presentWords = []string{"现在", "正在", "还在", "到现在", "今天", "刚才", "刚刚", "又", "快来", "赶紧", "救命", "马上"}

// adviceWords make the whole text advice about emergencies (着火了打119，
// 停水找物业，记住了).
var adviceWords = []string{"记住", "记得", "牢记", "口诀", "须知", "常识", "培训", "建议", "推荐", "哪个牌子", "自救", "讲讲", "说法不一", "提示", "知识", "如有", "切勿", "要不要", "怎么看", "定期", "维保", "学习", "学了", "讲了", "考我", "怎么扶", "教我们"}

// elsewhereWords make the whole text news from elsewhere: someone else's
// building, a video, the paper (the danger is not here and now).
var elsewhereWords = []string{"电视节目", "节目里", "节目说", "假如", "万一", "要是", "如果", "听说", "据说", "新闻", "视频", "网上", "电视上", "隔壁小区", "别的小区", "抖音", "快手", "热搜", "我老家", "老家那边", "村里", "表哥", "表姐", "我姐她们", "她们那栋", "她们小区", "他们小区", "朋友说", "朋友圈", "转发", "演练", "演习", "防盗提醒", "隔壁街", "不是我们小区", "不是咱们小区", "电视剧", "这个剧", "女主", "男主", "拍戏", "排练", "话剧", "演戏", "在演", "有人演"}

// numberedList reports whether s is a list of points (1. … 2. …, 1、… 2、…):
// a notice or advice, not a call for help.
func numberedList(s string) bool {
	for _, sep := range []string{".", "、", "）", ")"} {
		if strings.Contains(s, "1"+sep) && strings.Contains(s, "2"+sep) {
			return true
		}
	}
	return false
}

// jokeWords make the whole text a joke.
var jokeWords = []string{"😂", "🤣", "哈哈", "开玩笑", "别当真", "笑死"}

// securityNouns are things named 防…: a child stuck in a 防盗窗 is not
// advice about preventing theft (防盗).
var securityNouns = strings.NewReplacer("防盗窗", "窗", "防盗门", "门", "防盗网", "网", "防火门", "门", "防火墙", "墙")

// hypotheticalWords make a clause general or hypothetical.
var hypotheticalWords = []string{"就怕", "怕着火", "听说", "据说", "电视上", "网上", "隔壁小区", "别的小区", "防溺水", "防火", "防盗", "如果", "万一", "假如", "要是", "假设", "一旦", "遇到", "碰到", "的话", "预防", "防范", "小心", "注意", "当心", "谨防", "提醒", "演练", "演习", "模拟", "培训", "讲座", "知识", "宣传", "容易", "可能会", "会不会", "担心", "迟早", "电影", "电视剧", "新闻", "视频", "梦见", "做梦", "游戏", "抖音", "快手", "我老家", "老家那边", "村里", "我们单位", "单位楼下", "公司楼", "地铁上", "朋友说", "朋友圈", "我的世界", "吃鸡", "队友", "过家家", "动画片", "甄嬛传", "狂飙", "拍得", "演的", "剧里", "电视里", "小说"}

// Emergency reports whether text tells of an emergency happening now, and
// its kind (EmergencyMedical, EmergencyFire, EmergencyGas,
// EmergencyTrapped, EmergencyViolence, EmergencyDrowning). Text is
// normalised first (Traditional, full width). It does not need the
// segmenter, so it answers even while the dictionaries load.
func (n *NLU) Emergency(text string) (kind string, ok bool) {
	kind = emergencyOf(textnorm.Normalize(text))
	return kind, kind != ""
}

// detectEmergency applies the rules to normalised text.
func detectEmergency(s string) (string, bool) {
	if s == "" || !anyTrigger(s) {
		return "", false // most messages: one scan, no guard looked at
	}
	if saysOver(s) && !anyIn(s, urgentWords) {
		return "", false
	}
	if saysPast(s) && !anyIn(s, presentWords) {
		return "", false
	}
	if anyIn(s, adviceWords) || anyUnnegated(s, elsewhereWords) || anyIn(s, jokeWords) || numberedList(s) {
		return "", false
	}
	clauses := clauseSpans(s)
	best, generic, harm := -1, "", false
	for _, r := range emergencyRules {
		if r.selfHarm && !harm {
			for _, c := range clauses {
				if r.fires(c, s) {
					harm = true
					break
				}
			}
		}
		if r.generic && generic != "" || !r.generic && best == 0 {
			continue
		}
		for _, c := range clauses {
			if !r.fires(c, s) {
				continue
			}
			if r.generic {
				if !r.needsPlace || placeOrAlone(s) {
					generic = r.kind
				}
			} else if p := kindRank(r.kind); best < 0 || p < best {
				best = p
			}
			break
		}
	}
	if harm && (best < 0 || kindPriority[best] == EmergencyTrapped || kindPriority[best] == EmergencyViolence) {
		return EmergencyMedical, true // self-harm wins over being shut in or a knife
	}
	if best >= 0 {
		return kindPriority[best], true
	}
	return generic, generic != ""
}

// kindPriority orders the kinds when one message tells of several: gas
// before fire (no spark near gas), fire and people shut in before a person
// hurt (the 119 call brings the ambulance too), violence before the
// injury it caused; a person in danger last.
var kindPriority = []string{EmergencyGas, EmergencyFire, EmergencyTrapped, EmergencyViolence, EmergencyDrowning, EmergencyMedical}

func kindRank(kind string) int {
	for i, k := range kindPriority {
		if k == kind {
			return i
		}
	}
	return len(kindPriority)
}

// placeOrAlone reports whether a bare call for help is a real one: it
// names a building, unit or landmark, or it is a short message of its own.
func placeOrAlone(s string) bool {
	if utf8.RuneCountInString(s) <= 8 {
		return true
	}
	if findIf(reBuilding, s, "楼栋幢座院") != nil {
		return true
	}
	for _, w := range []string{"单元", "地库", "车库", "电梯", "楼道", "楼下", "楼上", "门口", "花园", "广场", "停车场"} {
		if strings.Contains(s, w) {
			return true
		}
	}
	return false
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

// fires reports whether rule r fires in clause cl of message s.
func (r *emergencyRule) fires(cl clause, s string) bool {
	// The trigger first: most rules have none in the clause, and the
	// guards (dozens of words each) need not be read for them.
	if !r.triggered(cl, s) {
		return false
	}
	c := cl.text
	if anyIn(securityNouns.Replace(c), hypotheticalWords) || anyIn(c, r.unless) || anyIn(s, r.unlessText) || figurative(c) || playSpeech(c, s) {
		return false
	}
	return !(len(r.needs) > 0 && !anyIn(s, r.needs) || len(r.needsAlso) > 0 && !anyIn(s, r.needsAlso))
}

// triggered reports whether clause cl of message s holds one of the rule's
// triggers not negated just before it, nor told as an experience (过 after
// it, a time long past before it).
func (r *emergencyRule) triggered(cl clause, s string) bool {
	c := cl.text
	for _, t := range r.trigger {
		for from := 0; ; {
			i := strings.Index(c[from:], t)
			if i < 0 {
				break
			}
			i += from
			if !negatedAt(c, i, t) && !experiential(c[i+len(t):]) && !longAgo(s[:cl.start+i]) && r.intended(c, i, t) && (r.figure == nil || !r.figure(c, i, t)) {
				return true
			}
			from = i + len(t)
		}
	}
	return false
}

// intended reports whether the trigger t at byte i of clause c is meant:
// the rule asks for no intent, an intent word ends close before it, or 了
// follows it.
func (r *emergencyRule) intended(c string, i int, t string) bool {
	if len(r.intent) == 0 || strings.HasPrefix(c[i+len(t):], "了") {
		return true
	}
	return anyIn(lastRunes(c[:i], intentWindow), r.intent)
}

// longAgoWords put what follows them long in the past: 去年我被困电梯里,
// 小时候掉河里.
var longAgoWords = []string{"去年", "前年", "小时候", "小的时候", "那年", "上个月", "上上个月", "当年", "几年前", "前几年", "年轻时", "年轻的时候", "以前", "早年", "多年前", "好多年前", "很多年前"}

// longAgo reports whether the text before a trigger puts it long in the
// past: a word of longAgoWords with no word of presentWords after it.
// 去年我被困电梯里半小时，现在还怕 tells an experience (现在 comes after
// the trigger); 去年着过一次火，现在又着火了 is a fire now. 以前 after a verb
// or a duration (下楼以前, 十分钟以前: timeLongAgo) is no time long past, nor
// 那年 in 那年轻人.
func longAgo(before string) bool {
	last := -1
	for _, w := range longAgoWords {
		for from := 0; ; {
			i := strings.Index(before[from:], w)
			if i < 0 {
				break
			}
			i += from
			from = i + len(w)
			lead, after := before[:i], before[i+len(w):]
			switch {
			case w == "以前" && !timeLongAgo(lead):
				continue
			case w == "那年" && strings.HasPrefix(after, "轻"):
				continue
			}
			if end := i + len(w); end > last {
				last = end
			}
		}
	}
	return last >= 0 && !anyIn(before[last:], presentWords)
}

// timeLongAgo reports whether 以前 after lead means long ago: at the start of
// a clause (以前我们楼着过火) or after 很久, 好久, 年 or a person (我以前, 几年以前),
// not after a verb or a duration (我下楼以前看到…, 十分钟以前: before, a
// while ago).
func timeLongAgo(lead string) bool {
	last, _ := utf8.DecodeLastRuneInString(lead)
	if lead == "" || strings.ContainsRune(",.!?;，。！？；… \n\t、~～", last) {
		return true
	}
	for _, w := range []string{"很久", "好久", "年", "我", "我们", "咱们", "他", "她", "很早", "早"} {
		if strings.HasSuffix(lead, w) {
			return true
		}
	}
	return false
}

// playWords make a message about children at play or make-believe: 孙子玩
// 消防车玩具, 过家家, 假装.
var playWords = []string{"玩具", "过家家", "假装", "扮演", "装作", "做游戏", "玩游戏", "角色扮演"}

// speechStarts start a clause that reports what someone said or shouted.
var speechStarts = []string{"说", "喊", "叫着", "嚷", "学着", "一直说", "一直喊", "还说", "还喊"}

// realWords say a danger is real after all: 不是玩, 真的着火了.
var realWords = []string{"真的", "真着", "真有", "不是玩", "不是假", "不是在玩"}

// playSpeech reports whether clause c of message s is what a child at play
// said: the message speaks of play (playWords, with 玩 unless it is
// make-believe) and c starts with a speech verb, with nothing urgent or
// real in the message (我孙子玩消防车玩具，说着火了着火了).
func playSpeech(c, s string) bool {
	if !anyIn(s, playWords) || anyIn(s, urgentWords) || anyIn(s, realWords) {
		return false
	}
	if !strings.Contains(s, "玩") && !strings.Contains(s, "假装") && !strings.Contains(s, "扮演") && !strings.Contains(s, "装作") {
		return false
	}
	for _, w := range speechStarts {
		if strings.HasPrefix(c, w) {
			return true
		}
	}
	return false
}

// experiential reports whether the text after a trigger makes it something
// that once happened: 中风过, 晕倒过一次 (过 not starting 过去 or 过来).
func experiential(after string) bool {
	return strings.HasPrefix(after, "过") && !strings.HasPrefix(after, "过去") && !strings.HasPrefix(after, "过来")
}

// figurative reports whether clause c likens something (像着火): 像 that is
// not 好像 (it seems) or part of 录像, 图像, 影像.
func figurative(c string) bool {
	if strings.Contains(c, "似的") || strings.Contains(c, "仿佛") || strings.Contains(c, "一样") && (strings.Contains(c, "跟") || strings.Contains(c, "和")) {
		return true // 跟没气了一样, 着火似的
	}
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
		if neg == "不是" && (strings.HasSuffix(window[:j], "是") || strings.HasSuffix(before, "是不是"+window[j+len(neg):])) {
			continue // 是不是着火了: a question, not a denial
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

// clause is one clause of a message and where it starts (a byte offset).
type clause struct {
	text  string
	start int
}

// clauseSpans splits normalised text at punctuation and spaces.
func clauseSpans(s string) []clause {
	var out []clause
	start := -1
	for i, r := range s {
		switch r {
		case ',', '.', '!', '?', ';', '，', '。', '！', '？', '；', '…', '~', '～', ' ', '\n', '\t', '、':
			if start >= 0 {
				out = append(out, clause{s[start:i], start})
				start = -1
			}
		default:
			if start < 0 {
				start = i
			}
		}
	}
	if start >= 0 {
		out = append(out, clause{s[start:], start})
	}
	return out
}

// anyUnnegated reports whether s contains one of words not denied right
// before it: 不是演习 真有烟 is no drill.
func anyUnnegated(s string, words []string) bool {
	for _, w := range words {
		for from := 0; ; {
			i := strings.Index(s[from:], w)
			if i < 0 {
				break
			}
			if !strings.HasSuffix(s[:from+i], "不是") {
				return true
			}
			from += i + len(w)
		}
	}
	return false
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
