package nlu

// The cue tables of the scoring model. A cue is a word, or a run of up to
// five segmented tokens that concatenate to it (so 报个名 matches 报/个/名).
// Matching is greedy longest-first over the tokens of a clause, so 取消报名
// wins over 报名 and 不同意 over 同意. score.go says how the weights combine.

// weights maps a cue word to its weight.
type weights map[string]float64

// words is a set of cue words.
type words []string

// intentCues point at an intent by themselves. "other" cues are chatter.
var intentCues = map[string]weights{
	"signup": {
		"报名": 3, "报个名": 3, "报一个名": 3, "报一下名": 3, "报上名": 3, "报上": 2.5,
		"报名参加": 3.5, "我要报名": 3.5, "参加": 1.5, "预约": 2.5, "登记": 1.5,
		"算我一个": 4, "加我一个": 4, "算我": 2.5, "加我": 2, "记上": 2, "记我": 2, "留个位置": 3,
		"留一个": 1.5, "占个位": 2.5, "我也去": 3, "我也要去": 3, "我也参加": 3,
		"报民": 2.5, "报明": 2.5, "报各名": 2.5, "报个民": 2.5, "包名": 2, // typos
	},
	"cancel": {
		"取消": 2.5, "取消报名": 4.5, "退出": 2.5, "退报名": 4, "退掉": 2.5, "撤": 1.5, "撤销": 2.5,
		"不去了": 4, "不参加了": 4, "不报了": 4, "不想去了": 4, "不要了": 1.5, "去掉": 2.5,
		"删掉": 2.5, "删除": 2, "划掉": 2.5, "有事": 1, "让给别人": 1.5,
	},
	"report": {
		"随手拍": 4, "投诉": 3, "举报": 3, "报修": 3.5, "反映": 2, "反馈": 1.5, "问题": 0.5,
		"处理": 0.5, "处理一下": 1, "快来人": 1.5, "尽快": 1, "赶紧": 0.5, "受不了": 1,
		"没人管": 2.5, "没人修": 2.5, "没人收": 2.5, "没人清": 2.5, "没人清理": 2.5, "没人来": 1.5,
		"好几天": 1, "好久": 0.5, "老是": 0.5, "天天": 0.5, "一直": 0.5, "又": 0.5,
	},
	"vote": {
		"选": 2, "我选": 2.5, "选择": 2, "投": 1.5, "我投": 2, "同意": 3, "赞成": 3, "赞成票": 3.5,
		"反对": 3, "反对票": 3.5, "不同意": 3, "弃权": 3.5, "支持": 2.5, "方案": 1, "一票": 1,
	},
	"query": {
		"我的报名": 4, "我的上报": 4, "我的投票": 3.5, "我的积分": 4, "名额": 1.5, "截止": 1.5,
		"结果": 1, "进度": 2.5, "积分": 2, "成功": 1, "修好": 1.5, "处理了": 1.5, "开始": 0.5,
		"结束": 0.5, "集合": 1, "地点": 1.5, "报过": 1.5, "报上了": 1.5, "有哪些活动": 3,
		"什么活动": 2, "有什么活动": 3, "上报的": 1.5, "处理得": 1, "怎么样了": 1.5, "位置": 1, "报了": 1, "投票": 0.5,
	},
	"help": {
		"帮助": 5, "菜单": 5, "功能": 2.5, "使用说明": 4, "指令": 3, "命令": 3, "不会用": 4,
		"不会弄": 3, "不会操作": 3, "教教我": 2.5, "教我": 2, "干什么": 1.5, "能做什么": 2.5,
		"机器人": 1.5, "有什么用": 2.5, "能干什么": 3, "会干什么": 3, "能干啥": 3, "干啥用": 2.5, "有什么功能": 3.5, "怎么用": 4, "咋用": 4, "如何使用": 4, "怎么操作": 4, "怎么弄": 2,
	},
	"other": {
		"收到": 3, "已收到": 3, "好的": 2.5, "好滴": 3, "好嘞": 3, "嗯": 2, "嗯嗯": 2.5, "哦": 2,
		"哈哈": 3, "哈哈哈": 3, "呵呵": 3, "嘻嘻": 3, "笑死": 3, "谢谢": 2.5, "感谢": 2.5,
		"多谢": 2.5, "辛苦": 3, "辛苦了": 3, "已阅": 3, "知道了": 3, "明白": 2.5, "蹲": 3,
		"+1": 3, "同上": 3, "点赞": 3, "赞": 2, "早": 1.5, "早上好": 3, "晚上好": 3,
		"下午好": 3, "晚安": 3, "你好": 2, "大家好": 2, "欢迎": 3, "恭喜": 3, "快乐": 3,
		"路过": 3, "对对对": 3, "是的": 2, "真好": 1.5, "好美": 1.5, "漂亮": 1, "开心": 1.5,
		"可爱": 1.5, "搞笑": 1.5, "ok": 2.5, "okay": 2.5, "啊这": 3, "我看看": 2, "在吗": 2,
		"真的假的": 3, "热闹": 1.5, "不错": 1.5, "挺好": 1.5, "厉害": 1.5, "注意": 1,
		"保暖": 1.5, "降温": 1.5, "检修": 2, "提前准备": 2, "好玩": 1,
		"不好意思": 1, "吵到大家": 3, "打扰大家": 3, "打扰了": 2.5,
	},
}

// othersCues mark talk between neighbours (or to someone other than the
// bot): they count for "other" and damp the acting intents.
var othersCues = weights{
	"谁家": 3, "谁": 1.5, "谁有": 2.5, "谁要": 3, "有谁": 2, "哪位": 2.5, "哪家": 2,
	"有没有人": 2.5, "有人知道": 3, "有人一起": 3, "楼上说": 2.5, "楼上的说": 2.5,
	"说得对": 3, "你家": 2.5, "你们": 1, "出售": 3, "转让": 3, "团购": 3, "拼团": 3,
	"拼车": 3, "求购": 3, "转发": 2.5, "通知": 1, "大家": 0.5, "大家都": 2, "各位": 0.5,
}

// pastWords put a clause in the past: it tells what happened, so it is not
// a sign-up or a cancellation.
var pastWords = words{"昨天", "前天", "上次", "上周", "上个月", "去年", "以前", "之前", "去过", "参加过", "听过", "刚才"}

// selfWords are the writer speaking of themselves (带 has the writer as its
// unsaid subject: 带孩子参加).
var selfWords = words{"我", "我们", "俺", "俺们", "咱", "咱们", "我家", "我们家", "咱家", "俺家", "本人", "带", "带上", "带着"}

// companionWords are people who come along (party size).
var companionWords = words{
	"老伴", "老伴儿", "爱人", "老公", "老婆", "媳妇", "丈夫", "妻子", "孩子", "小孩", "儿子",
	"女儿", "闺女", "孙子", "孙女", "外孙", "外孙女", "宝宝", "老头", "老头子", "老太太",
	"我妈", "我爸", "妈妈", "爸爸", "妈", "爸", "婆婆", "公公", "岳母", "邻居", "朋友", "家人",
	"他爸", "孩子他爸", "孩子他妈", "老人", "阿姨",
}

// wantWords are modal verbs before a go verb.
var wantWords = words{"想", "要", "打算", "准备", "愿意", "希望", "也想", "也要"}

// goWords are verbs that sign up when the writer does them to an activity
// ("我也去", "我去听讲座"); see score.go for when they count.
var goWords = words{"去", "来", "听", "报", "参加", "看"}

// negWords negate a following go verb (不去 → cancel).
var negWords = words{"不", "不想", "不能", "不要", "不再", "没法", "没办法", "不打算", "不用"}

// imperativeWords ask the bot to do something; a clause with one is a
// request even when it ends in 吗.
var imperativeWords = words{"帮我", "给我", "替我", "帮忙", "麻烦", "请帮", "把我", "帮我们", "给我们"}

// questionCues make a clause a question, with the strength they add to
// "query" when the message is about the bot's domain.
var questionCues = weights{
	"什么时候": 2.5, "啥时候": 2.5, "几点": 2.5, "几号": 2, "哪天": 2.5, "哪一天": 2.5,
	"在哪": 2.5, "在哪里": 2.5, "在哪儿": 2.5, "哪里": 2, "哪儿": 2, "几楼": 2.5,
	"多少": 1.5, "几个": 1, "几节": 1.5, "哪些": 1.5, "什么": 1, "吗": 1.5, "么": 1, "没有": 0.5,
	"是不是": 1.5, "有没有": 1, "怎么样": 1, "请问": 1.5, "问一下": 1.5, "?": 1, "呢": 0.5,
	"还有": 0.5, "带什么": 2, "能不能": 0.5, "可不可以": 0.5, "要不要": 0.5, "去不去": 1,
}

// howWords ask how to do something: with a bot feature word it is "help".
var howWords = words{"怎么", "咋", "如何", "怎样", "怎么用", "咋用", "如何使用", "怎么操作", "怎么弄"}

// featureWords are what the bot does; 怎么 + one of them asks for help.
var featureWords = words{"报名", "取消报名", "取消", "投票", "上报", "随手拍", "绑定", "用", "操作", "发", "查", "评价", "积分", "登记", "反映"}

// rhetoricalWords after 怎么 make it a complaint, not a question.
var rhetoricalWords = words{"没", "没人", "又", "还", "都", "老是", "不", "总是"}

// activityWords name activities (title words for the Activity slot).
var activityWords = words{
	"活动", "讲座", "义诊", "义剪", "理发", "课", "班", "比赛", "演练", "电影", "露天电影",
	"观影", "运动会", "培训", "健步走", "太极拳", "广场舞", "书法班", "书法", "插花", "托管班",
	"志愿服务", "志愿者", "亲子活动", "亲子", "包饺子", "包粽子", "体检", "讲堂", "读书会",
	"晚会", "联欢会", "防诈骗", "反诈", "健康讲座", "消防演练", "手工", "茶话会", "游园",
	"郊游", "参观", "宣讲", "座谈会", "议事会", "接龙", "垃圾分类", "免费", "观影活动",
}

// genericActivityWords are activity words too vague to name one.
var genericActivityWords = words{"活动", "课", "班", "免费", "亲子"}

// chatStopWords are left out of keywords besides cppjieba's stop words and
// every chatter cue.
var chatStopWords = words{
	"随手拍", "投诉", "举报", "反映", "反馈", "麻烦", "尽快", "赶紧", "处理", "处理一下", "一下",
	"问题", "大家", "各位", "邻居", "物业", "网格员", "社工", "谢谢", "帮忙", "看看", "好几天",
	"已经", "真的", "现在", "今天", "明天", "昨天", "晚上", "早上", "中午", "下午", "天天",
	"老是", "一直", "好多", "那个", "这个", "有人", "差点", "小区", "社区", "报名", "取消",
}
