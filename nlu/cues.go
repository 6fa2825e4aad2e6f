package nlu

// Word classes. A class word is a word, or a run of up to five segmented
// tokens that concatenate to it (so 报个名 matches 报/个/名). Matching is
// greedy longest-first over the tokens of a clause, so 取消报名 wins over
// 报名 and 不同意 over 同意. The classes carry no weights: each is a feature
// of the learned model (features.go), whose weights come from the labelled
// corpus, and the slots (slots.go) read the self, companion, activity and
// choice words. Things and problems are not here but in the taxonomy
// (taxonomy/taxonomy.tsv).

// words is a set of class words.
type words []string

// signupWords ask to join an activity (报名, 算我一个; typos too).
var signupWords = words{"报名", "报个名", "报一个名", "报一下名", "报上名", "报上", "报名参加", "我要报名", "参加", "预约", "登记", "算我一个", "加我一个", "算我", "加我", "记上", "记我", "留个位置", "留一个", "占个位", "我也去", "我也要去", "我也参加", "报民", "报明", "报各名", "报个民", "包名"}

// cancelWords withdraw from one (取消, 不去了).
var cancelWords = words{"取消", "取消报名", "退出", "退报名", "退掉", "撤", "撤销", "不去了", "不参加了", "不报了", "不想去了", "不要了", "去掉", "删掉", "删除", "划掉", "有事", "让给别人", "退了", "我退了", "不去啦"}

// reportWords say a problem is being reported or has lasted (随手拍, 投诉, 没人管, 好几天).
var reportWords = words{"随手拍", "投诉", "举报", "报修", "反映", "反馈", "问题", "处理", "处理一下", "快来人", "尽快", "赶紧", "受不了", "没人管", "没人修", "没人收", "没人清", "没人清理", "没人来", "好几天", "好久", "老是", "天天", "一直", "又", "怎么回事", "咋回事", "搞什么", "什么情况", "像话吗", "有没有人管", "谁来管", "管管", "管一管", "管一下", "能不能管管", "太不像话"}

// voteWords state a choice (选, 同意, 弃权).
var voteWords = words{"选", "我选", "选择", "投", "我投", "同意", "赞成", "赞成票", "反对", "反对票", "不同意", "弃权", "支持", "方案", "一票"}

// queryWords ask about records and activities (我的报名, 名额, 进度).
var queryWords = words{"我的报名", "我的上报", "我的投票", "我的积分", "名额", "截止", "结果", "进度", "积分", "成功", "修好", "处理了", "开始", "结束", "集合", "地点", "报过", "报上了", "有哪些活动", "什么活动", "有什么活动", "上报的", "处理得", "怎么样了", "位置", "报了", "投票", "到哪一步", "哪一步", "啥进度", "什么进度", "有人管了没", "管了没", "修了没", "处理了没", "修了吗", "有结果吗", "有回复吗"}

// helpWords ask how to use the bot (帮助, 菜单, 怎么用).
var helpWords = words{"帮助", "菜单", "功能", "使用说明", "指令", "命令", "不会用", "不会弄", "不会操作", "教教我", "教我", "干什么", "能做什么", "机器人", "有什么用", "能干什么", "会干什么", "能干啥", "干啥用", "有什么功能", "怎么用", "咋用", "如何使用", "怎么操作", "怎么弄", "help", "怎么玩", "咋玩", "能改吗", "怎么改", "使用方法", "怎么发"}

// chatterWords are acknowledgements, thanks, greetings and small talk.
var chatterWords = words{"收到", "已收到", "好的", "好滴", "好嘞", "嗯", "嗯嗯", "哦", "哈哈", "哈哈哈", "呵呵", "嘻嘻", "笑死", "谢谢", "感谢", "多谢", "辛苦", "辛苦了", "已阅", "知道了", "明白", "蹲", "+1", "同上", "点赞", "赞", "早", "早上好", "晚上好", "下午好", "晚安", "你好", "大家好", "欢迎", "恭喜", "快乐", "路过", "对对对", "是的", "真好", "好美", "漂亮", "开心", "可爱", "搞笑", "ok", "okay", "啊这", "我看看", "在吗", "真的假的", "热闹", "不错", "挺好", "厉害", "注意", "保暖", "降温", "检修", "提前准备", "好玩", "不好意思", "吵到大家", "打扰大家", "打扰了", "捡到", "认领", "谁丢了", "冒个泡", "打工人", "涨知识", "引以为戒"}

// neighbourWords mark talk between neighbours (or to someone other than
// the bot).
var neighbourWords = words{"谁家", "谁", "谁有", "谁要", "有谁", "哪位", "哪家", "有没有人", "有人知道", "有人一起", "楼上说", "楼上的说", "说得对", "你家", "你们", "出售", "转让", "团购", "拼团", "拼车", "求购", "转发", "通知", "大家", "大家都", "各位", "出一张", "低价出", "闲置", "出个", "有需要的", "私聊", "联系我", "的邻居", "您家", "你的", "你把", "楼上的", "车主", "失主", "家长", "出租", "打折", "八折", "一斤", "新开的", "有人约"}

// pastWords put a clause in the past: it tells what happened.
var pastWords = words{"昨天", "前天", "上次", "上周", "上个月", "去年", "以前", "之前", "去过", "参加过", "听过", "刚才", "上礼拜", "上星期", "上周末", "前几天", "前阵子", "那次", "当时", "那年", "那时候", "当年", "前几年", "前年", "几年前", "那会儿", "刚搬来", "刚交房", "刚住进来", "上回", "记得", "那时", "后来", "前两年", "有一年", "那阵子"}

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

// regretWords take back a wish to go (我也想参加 可惜那天要上班).
var regretWords = words{"可惜", "去不了", "来不了", "参加不了", "走不开", "没空", "没时间", "要上班", "得上班", "不巧"}

// particleWords may end a clause after a go verb without naming where
// (我也去吧, 我们都去啊).
var particleWords = words{"了", "吧", "啊", "呀", "哦", "哈", "呢", "的", "嘛", "哈哈", "啦", "喔", "哇", "滴"}

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

// questionWords make a clause a question.
var questionWords = words{"什么时候", "啥时候", "几点", "几号", "哪天", "哪一天", "在哪", "在哪里", "在哪儿", "哪里", "哪儿", "几楼", "多少", "几个", "几节", "哪些", "什么", "吗", "么", "没有", "是不是", "有没有", "怎么样", "请问", "问一下", "?", "呢", "还有", "带什么", "能不能", "可不可以", "要不要", "去不去", "自带", "要带", "线上", "线下"}

// howWords ask how to do something: with a bot feature word it is "help".
var howWords = words{"怎么", "咋", "如何", "怎样", "怎么用", "咋用", "如何使用", "怎么操作", "怎么弄"}

// featureWords are what the bot does; 怎么 + one of them asks for help.
var featureWords = words{"报名", "取消报名", "取消", "投票", "上报", "随手拍", "绑定", "用", "操作", "发", "查", "评价", "积分", "登记", "反映", "邻里通", "机器人", "小助手", "语音", "打字", "改", "玩"}

// rhetoricalWords after 怎么 make it a complaint, not a question.
var rhetoricalWords = words{"没", "没人", "又", "还", "都", "老是", "不", "总是"}

// activityWords name activities (title words for the Activity slot).
var activityWords = words{
	"活动", "讲座", "义诊", "义剪", "理发", "课", "班", "比赛", "演练", "电影", "露天电影",
	"观影", "运动会", "培训", "健步走", "太极拳", "广场舞", "书法班", "书法", "插花", "托管班",
	"志愿服务", "志愿者", "亲子活动", "亲子", "包饺子", "包粽子", "体检", "讲堂", "读书会",
	"晚会", "联欢会", "防诈骗", "反诈", "健康讲座", "消防演练", "手工", "茶话会", "游园",
	"郊游", "参观", "宣讲", "座谈会", "议事会", "接龙", "垃圾分类", "免费", "观影活动", "培训班", "合唱团", "舞蹈队", "兴趣班", "课程", "合唱", "舞蹈", "敬老宴", "包汤圆", "夜跑", "剪纸", "旧物交换", "夏令营", "拔河", "健身日", "游园会", "灯谜", "团拜会", "献血", "义卖", "跳蚤市场", "植树", "清洁日", "义务劳动", "绘本", "理疗", "家电维修", "篮球赛", "友谊赛", "烘焙", "徒步", "音乐会", "演出", "春游", "秋游", "研学", "科普", "急救培训", "象棋", "围棋", "乒乓球", "羽毛球", "拔河比赛", "趣味运动会", "猜灯谜", "包馄饨", "写春联", "送春联", "量血压", "摄影"}

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

// resolvedWords say a problem is over: 修好了, 已经处理, 恢复了.
var resolvedWords = words{
	"修好", "修好了", "已经修了", "好了", "弄好", "弄好了", "修复", "恢复", "恢复了", "解决", "解决了", "处理好",
	"处理好了", "已处理", "搞定", "搞定了", "正常了", "能用了", "亮了", "通了", "来水了", "来电了", "干净了",
	"清理干净", "清走", "收走", "收走了", "拉走", "拉走了", "移走", "挪走", "挪走了", "挪开", "不吵了", "安静了",
	"灭了", "补好", "补好了", "换好", "换好了", "换新", "已经修", "修过", "装好", "装好了", "清理了",
	"扫干净", "没事了", "有人来修", "来修了", "修得", "很快", "及时", "效率", "清掉", "清掉了", "干净多了", "好多了", "不用报", "不用修", "不用管", "修过", "清过", "处理过", "打过药", "弄过", "换过", "已经有人", "锯掉", "填平", "填上了", "锯走", "锯走了", "扫了", "铲掉", "铲掉了", "弄完", "弄完了", "拖走", "拖走了", "没坏", "就好", "就修了", "修了", "整好", "整好了", "补种", "终于", "新换", "新装", "挪到", "搬走", "已经办了", "原来是", "刚换了", "已上门"}

// conditionalWords make a clause hypothetical, general or a warning.
var conditionalWords = words{
	"如果", "万一", "假如", "要是", "假设", "一旦", "的话", "会不会", "小心", "注意", "提醒", "当心", "别", "不要",
	"建议", "希望", "应该", "能不能", "可不可以", "是否", "以后", "将来", "明天", "计划", "准备", "打算",
	"下次", "下回", "到时候", "要是有", "如果有", "年轻十岁",
}

// noticeWords mark a notice from the management or a forwarded one
// (通知, 温馨提示, 即日起): it tells of a problem that is known.
var noticeWords = words{"通知", "公告", "温馨提示", "即日起", "请从", "请到", "预计", "特此", "敬请", "谅解", "停水通知", "停电通知", "物业公告", "提醒一下", "友情提醒", "管家", "各位业主", "业主们", "带来不便", "已安排", "停运", "回复楼上"}

// advertWords mark an advertisement or a forwarded one: a course, a shop,
// a trip sold by someone, not the community's activity (招生, 报名送,
// 详询, 非社区活动).
var advertWords = words{"招生", "报名送", "送券", "优惠", "学费", "定金", "交定金", "详询", "加我微信", "加微信", "推广", "开业", "机构", "工作室", "非社区", "不是社区的", "领礼品", "私教", "体验课", "开班", "火热", "从速", "前十名", "前一百名", "旅游团", "驾校", "专业", "随叫随到", "私信", "保修", "电话见图", "上门服务", "价格实惠"}

// ownWords make the thing after them the writer's own (我家的车, 家里的纱窗):
// a private belonging, whoever should mend it.
var ownWords = words{"我家", "我家的", "我的", "家里", "家里的", "自己家", "自家", "屋里", "我屋", "俺家", "咱家的", "我们家的", "屋里厢", "屋头", "房东", "自己修", "自己找人", "自己弄", "自己看看", "自己处理", "自己搞"}

// likenessWords liken one thing to another: 着火似的.
var likenessWords = words{"似的", "一样", "像", "仿佛", "好比"}

// emotionWords are feelings about something, not a report of it.
var emotionWords = words{"哈哈", "哈哈哈", "笑死", "太好了", "真好", "开心", "羡慕", "佩服", "厉害", "感动", "可爱", "好看", "漂亮", "真棒", "点赞", "赞", "夸", "夸一下", "负责", "不容易", "表扬", "进步", "心塞", "倒霉", "服了", "一言难尽", "真惨"}

// hearsayWords tell of somewhere else or of what others said: 看新闻说,
// 听说, 隔壁小区.
var hearsayWords = words{"新闻", "听说", "据说", "网上", "视频里", "电视上", "外地", "别的小区", "隔壁小区", "朋友说", "我妈家", "老家", "他们那", "她们那", "他们小区", "她们小区", "那个小区", "我妈那", "朋友家", "公司", "单位", "老房子", "隔壁城市", "别的城市", "前面那条街", "不在咱们小区", "不是咱们小区", "跟小区没关系", "管不了", "有人说", "表哥", "表姐", "刷到", "视频", "看到隔壁", "学校门口", "地铁", "县城", "不在我们这边", "我们这边倒是", "隔壁楼的人说"}
