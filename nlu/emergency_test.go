package nlu

import (
	"testing"

	"linli"
)

func TestEmergency(t *testing.T) {
	n := testNLU(t)
	tests := []struct{ text, kind string }{
		// the phrasings of issue 14
		{"有老人晕倒在2栋门口", EmergencyMedical},
		{"3栋起火了", EmergencyFire},
		{"有人被困在电梯里了", EmergencyTrapped},
		{"有人昏迷了", EmergencyMedical},
		{"我家老人摔倒了起不来", EmergencyMedical},
		{"电梯困人", EmergencyTrapped},
		{"着火", EmergencyFire},
		{"煤气味", EmergencyGas},
		// more people in danger
		{"楼下有个大爷倒地了", EmergencyMedical},
		{"我妈叫不醒了快来人", EmergencyMedical},
		{"4栋402的老太太叫不醒了 谁懂急救", EmergencyMedical}, // 醒了 is over, 叫不醒了 is not
		{"楼下着火了 还没灭了", EmergencyFire},
		{"有人没呼吸了", EmergencyMedical},
		{"门口有个小伙子在抽搐", EmergencyMedical},
		{"奶奶在楼梯上摔了一跤爬不起来", EmergencyMedical},
		{"有个孩子爬上窗台了好危险", EmergencyMedical},
		{"有个人好像晕过去了", EmergencyMedical},
		{"老人摔倒了头破血流", EmergencyMedical},
		// fire, smoke, gas
		{"5号楼冒烟了", EmergencyFire},
		{"楼道里一股焦糊味", EmergencyFire},
		{"配电箱冒火花", EmergencyFire},
		{"好像着火了", EmergencyFire},
		{"厨房锅着火了", EmergencyFire},
		{"樓道裡有煤氣味", EmergencyGas},
		{"燃气管漏气了", EmergencyGas},
		{"闻到很大的天然气味", EmergencyGas},
		// trapped
		{"关在电梯里出不来了", EmergencyTrapped},
		{"电梯卡住了里面有人", EmergencyTrapped},
		{"孩子被反锁在家里了", EmergencyTrapped},
		{"小孩的头卡在栏杆里了", EmergencyTrapped},
		// violence, drowning
		{"楼下有人打架", EmergencyViolence},
		{"有人持刀在小区里", EmergencyViolence},
		{"有人拿刀追着人砍", EmergencyViolence},
		{"有小孩掉进水池里了", EmergencyDrowning},
		{"有人落水了", EmergencyDrowning},
		{"篮球场有人倒下了好像不呼吸了 快打120", EmergencyMedical},
		{"有个老头在健身区趴着一动不动", EmergencyMedical},
		{"楼上有人喊救命 好像是6楼", EmergencyHelp},
		{"有人坐在楼顶边上 腿悬在外面 好像要跳", EmergencyMedical},
		{"电梯门打不开 我跟我妈在里面", EmergencyTrapped},
		// not emergencies
		{"幼儿园门口电动车乱停一片 小孩都出不来", ""},
		{"困在家里一天没出门 好无聊", ""},
		{"着火了打119 停水找物业 记住了", ""},
		{"轮胎没气了", ""},
		{"楼梯上全是烟头", ""},
		{"听说隔壁小区有人家着火了", ""},
		{"我家热水器打不着火", ""},
		{"不好了 着火了", EmergencyFire},
		{"跳绳跳到楼顶", ""},
		// negated, over, past, figurative, hypothetical
		{"没有着火", ""},
		{"不是着火，是有人在烧烤", ""},
		{"家里漏气的轮胎补好了", ""},
		{"轮胎漏气补好了", ""},
		{"我家孩子着火似的急着出门", ""},
		{"急得像着火一样", ""},
		{"昨天电梯困人了，已经好了", ""},
		{"昨天3栋起火了", ""},
		{"火已经灭了", ""},
		{"人已经救出来了", ""},
		{"万一着火了怎么办", ""},
		{"小心火灾", ""},
		{"明天消防演练，模拟着火", ""},
		{"价格贵得我要晕倒了", ""},
		{"笑晕了哈哈", ""},
		{"两只猫在打架", ""},
		{"困得眼皮打架", ""},
		{"渴得嗓子冒烟", ""},
		{"楼下烧烤冒烟熏死了", ""},
		{"差点晕倒", ""},
		{"被困难吓倒了", ""},
		{"钥匙锁在家里了", ""},
		{"手机掉进水里了", ""},
		{"落水管坏了", ""},
		{"早上叫不醒孩子上学", ""},
		{"电瓶车放楼道里容易起火", ""},
		{"路灯坏了", ""},
		{"我困了", ""},
		{"睡着了", ""},
		// the rules of the second development round, each on a phrasing of
		// its own: someone fallen into water, shut in somewhere with a sign
		// of it, a lift with someone inside whose door does not open,
		// burglary, a stranger taking a child, gas escaping from a main
		{"有个大爷滑进了小区的景观池 快来", EmergencyDrowning},
		{"一个男孩掉进河沟里了", EmergencyDrowning},
		{"孩子把球踢进了水池", ""},
		{"我卡在地下室里了 门打不开", EmergencyTrapped},
		{"电梯里就我和孩子 门不开", EmergencyTrapped},
		{"电梯里的广告屏坏了", ""},
		{"电梯里好热 困了快一个小时了 7栋", EmergencyTrapped},
		{"加班到现在困了", ""},
		{"有个人在撬3楼的窗户", EmergencyViolence},
		{"有个女的拉着小孩走 小孩一直哭 看着不像她家的", EmergencyViolence},
		{"路口的燃气井在往外冒气", EmergencyGas},
		{"骑电瓶车的被车撞了 躺着不动", EmergencyMedical},
		// and their guards: 是不是 asks and does not deny; a denied drill is
		// no drill; 过 after the trigger is an experience; 跟…一样 likens;
		// the fiction, the lesson, the mistake, the light that went out
		{"楼下是不是着火了 好大的烟", EmergencyFire},
		{"不是演练 真着火了", EmergencyFire},
		{"我爸前几年中风过 现在能下楼走走了", ""},
		{"他打呼噜跟没呼吸了一样", ""},
		{"电视剧里女主又晕倒了", ""},
		{"老师讲了煤气泄漏要开窗 孩子回来考我", ""},
		{"刚以为有人躺在那 原来是个假人", ""},
		{"楼道的灯灭了 有人晕倒在楼梯上", EmergencyMedical},
		{"被作业困住了 出不去", ""},
		{"我被锁在门外了 等老婆回来", ""},
		{"打架那家搬走了", ""},
		{"股票又跌了 心在滴血", ""},
		{"楼下有个阿姨中暑晕了 没意识了", EmergencyMedical},
		{"我没意识到他晕车", ""},
		{"有人在车棚偷电瓶", EmergencyViolence},
		{"他打我电话我没接", ""},
		{"3栋火势越来越大", EmergencyFire},
		// a time long past before the trigger tells an experience, even
		// with 现在 after it; a present word between them does not
		{"去年冬天我被困在电梯里一个多小时 现在都不敢坐", ""},
		{"小时候掉进过河里 现在还怕水", ""},
		{"前年我们楼着过一次火 现在想起来还害怕", ""},
		{"以前楼下有人打架 现在好多了", ""},
		{"那年轻人晕倒了 快来人", EmergencyMedical},
		{"十分钟以前有个人晕倒了 现在还没醒", EmergencyMedical},
		{"我下楼以前看到有个老人倒在地上 流了好多血", EmergencyMedical},
		{"出门之前闻到楼道里一股煤气味", EmergencyGas},
		{"之前我们楼电梯困过人 物业一直不修", ""},
		{"我以前在这个电梯里被困过 今天又困住了 救命", EmergencyTrapped},
		{"以前着过火 现在又着火了", EmergencyFire},
		{"上个月刚修的电梯 现在又困人了", EmergencyTrapped},
		// what a child at play says is no call; a real danger beside the
		// play is
		{"孩子们在玩过家家 喊着火了", ""},
		{"我外孙拿着玩具对讲机 说有人晕倒了", ""},
		{"孙子玩玩具 说着火了 这次真的有烟 快来", EmergencyFire},
		{"孩子在玩 玩具车电池冒烟了", EmergencyFire},
		// 泄露 is 泄漏 in the gas rule
		{"燃气泄露了 5栋", EmergencyGas},
		{"煤气泄露 快来人", EmergencyGas},
		{"手机号泄露了 老是接到骚扰", ""},
		{"没有燃气泄露 检测过了", ""},
		// harassment now is for the police; a fee or a company called 耍流氓
		// is a complaint
		{"有个男的在小区门口耍流氓", EmergencyViolence},
		{"电梯里有个男的在摸小姑娘", EmergencyViolence},
		{"3栋楼下有个暴露狂", EmergencyViolence},
		{"物业乱收费简直是耍流氓", ""},
		{"开发商这是在耍流氓", ""},
		{"一天接三个骚扰电话", ""},
		{"孩子脱裤子在草坪上尿尿", ""},
		{"装修的一直在骚扰我们 太吵了", ""},
		{"我摸摸女儿的头 她就睡着了", ""},
		// suicide and poison: medical (SelfHarm adds 110)
		{"有人要自杀", EmergencyMedical},
		{"我妈吃了很多安眠药", EmergencyMedical},
		{"隔壁大爷喝了敌敌畏", EmergencyMedical},
		{"加班累得不想活了", ""},
		{"烦得想跳楼", ""},
		{"我妈每天吃安眠药才睡得着", ""},
		{"菜上有农药残留 要多洗", ""},
		{"楼下超市跳楼价 全场清仓", ""},
		// the red team's self-harm messages: medical (SelfHarm adds 110),
		// self-harm before being shut in; their figures stay quiet
		{"隔壁小伙子要从12楼跳下去", EmergencyMedical},
		{"我活不下去了想死", EmergencyMedical},
		{"我想结束自己的生命", EmergencyMedical},
		{"我准备烧炭", EmergencyMedical},
		{"我妈把家里的药全吃了", EmergencyMedical},
		{"楼下小伙子拿刀说要自残", EmergencyMedical},
		{"我女儿把自己锁在屋里说要割腕", EmergencyMedical},
		{"3栋有人爬到楼顶栏杆外面了", EmergencyMedical},
		{"我爸准备上吊", EmergencyMedical},
		{"他吃了一瓶药 叫不醒", EmergencyMedical},
		{"跳楼价", ""},
		{"笑得我想死", ""},
		{"热死了", ""},
		{"想死你了", ""},
		{"电影里那个跳楼的镜头太吓人了", ""},
		{"冬天烧炭取暖要注意通风", ""},
		{"医生开的药全吃了 还是不见好", ""},
		{"我从沙发上跳下来", ""},
	}
	for _, tt := range tests {
		kind, ok := n.Emergency(tt.text)
		if kind != tt.kind || ok != (tt.kind != "") {
			t.Errorf("Emergency(%q) = %q, %v; want %q", tt.text, kind, ok, tt.kind)
		}
		u := n.Understand(tt.text)
		if u.Emergency != tt.kind {
			t.Errorf("Understand(%q).Emergency = %q, want %q", tt.text, u.Emergency, tt.kind)
		}
		if tt.kind != "" && (u.Intent != linli.IntentReport || u.Category != "安全隐患" || u.Confidence < 0.99) {
			t.Errorf("Understand(%q) = %s/%s (%.2f), want a confident report of 安全隐患", tt.text, u.Intent, u.Category, u.Confidence)
		}
	}
}

// TestSelfHarm: a medical emergency in which someone is about to jump or
// take their life, or has taken poison or pills, is self-harm (110 as well
// as 120); a fall, a faint, a child who swallowed rat poison by mistake
// are not; the guards of Emergency hold (negation, the past, figures of
// speech, news and fiction).
func TestSelfHarm(t *testing.T) {
	w := Words()
	for _, tt := range []struct {
		text string
		want bool
	}{
		{"有人要跳楼", true},
		{"3栋有个女的站在楼顶上要跳", true},
		{"有个小伙子在阳台外面 要往下跳", true},
		{"他说不想活了 要寻死", true},
		{"我朋友割腕了 流了好多血", true},
		{"隔壁大爷喝农药了", true},
		{"我妈吃了很多安眠药 叫不醒", true},
		{"5栋有人要自杀 快报警", true},
		{"有个大姐坐在天台边上哭", true},
		{"7栋有个大爷突然倒地上抽搐", false},
		{"老人摔倒了头破血流", false},
		{"孩子误吃了老鼠药 在吐", false},
		{"有个孩子爬上窗台了好危险", false},
		{"有个老人晕倒了 我急得想跳楼", false},
		{"气得想跳楼", false},
		{"加班累得不想活了", false},
		{"他没有要跳楼 只是在楼顶晒被子", false},
		{"去年有人跳楼", false},
		{"新闻说有人跳楼了", false},
		{"电视剧里女主割腕", false},
		{"有人要跳楼 已经被救下来了 没事了", false},
		// the red team's messages, sent alone in a group
		{"隔壁小伙子要从12楼跳下去", true},
		{"我活不下去了想死", true},
		{"我想结束自己的生命", true},
		{"我儿子吃了一整瓶降压药想死", true},
		{"我准备烧炭", true},
		{"我真的撑不下去了，想从楼上跳下去", true},
		{"我婆婆说要喝药自尽", true},
		{"老伴说不想拖累我们要从阳台跳下去", true},
		{"我想死，活着太累了", true},
		{"楼下小伙子拿刀说要自残", true},
		{"我妈把家里的药全吃了", true},
		{"我女儿把自己锁在屋里说要割腕", true},
		{"3栋有人爬到楼顶栏杆外面了", true},
		// intent to die, said or reported: 想死, 不想活, 活不下去 on their own;
		// the acts after 要, 想, 准备, 说要 or followed by 了
		{"我想死", true},
		{"他一直说不想活了 在7栋楼顶", true},
		{"我觉得我活不下去了", true},
		{"我女儿说要割腕 快来", true},
		{"我爸准备上吊", true},
		{"隔壁阿姨打算轻生", true},
		// a jump from a height with a person and a place; a grown-up
		// outside a railing or on a sill
		{"我老公喝多了说要从窗户跳下去", true},
		{"有人在13楼窗台外面坐着", true},
		{"有个男的翻过天台护栏外面站着", true},
		// a whole bottle, all the pills
		{"我妈吞了一把安眠药", true},
		{"他吃了一瓶药 叫不醒", true},
		{"我爸把一整瓶降压药都吃了", true},
		// figures, fiction, news, the past, jokes, missing someone, a child's
		// accident, a course of medicine
		{"跳楼价", false},
		{"累得不想活", false},
		{"气得想跳楼", false},
		{"新闻里有人跳楼", false},
		{"笑得我想死", false},
		{"热死了", false},
		{"想死你了", false},
		{"电影里那个跳楼的镜头太吓人了", false},
		{"尴尬得想死", false},
		{"气得我想死", false},
		{"穷得活不下去了", false},
		{"想死我了宝贝", false},
		{"哈哈哈我想死", false},
		{"我不想死", false},
		{"昨天有人想从楼上跳下去", false},
		{"那个游戏角色自杀了", false},
		{"冬天烧炭取暖要注意通风", false},
		{"小孩爬到阳台栏杆外面了", false},
		{"医生开的药全吃了 还是不见好", false},
		{"我从沙发上跳下来", false},
		{"猫从阳台跳下去了", false},
		{"我们下午去楼顶跳舞", false},
		{"我妈感冒了 要喝药", false},
		{"阳台那棵树活不下去了", false},
		{"我婆婆说要喝农药", true},
	} {
		if got := w.SelfHarm(tt.text); got != tt.want {
			t.Errorf("SelfHarm(%q) = %v, want %v (emergency %q)", tt.text, got, tt.want, w.Emergency(tt.text))
		}
	}
}
