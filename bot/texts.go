package bot

// User-facing texts of the engine, together so they can be reviewed at once.
const (
	// TextNotUnderstood answers a message addressed to the bot that matched nothing.
	TextNotUnderstood = "没太明白您的意思。发送「帮助」查看可以做什么，例如：活动、报名 1、随手拍 3栋门口路灯坏了。"
	// TextNotUnderstoodWorker is TextNotUnderstood for a grid worker.
	TextNotUnderstoodWorker = "没太明白您的意思。处理完请发「办结 编号 说明」，例如：办结 3 已更换灯泡；发「待办」查看本网格的上报。"
	// TextStaffOnly refuses a staff command to a resident (%s = the command).
	TextStaffOnly = "「%s」是社工使用的命令，居民朋友可以发送「帮助」查看可用功能。"
	// TextStaffOnlyWorker refuses a staff command to a grid worker (%s = the command).
	TextStaffOnlyWorker = "「%s」是社工使用的命令。您可以发「待办」查看本网格的上报，发「帮助」查看可用功能。"
	// TextOfferExpired answers a "是" that came after the question expired
	// (%d = minutes the question was open, %s = the command it offered).
	TextOfferExpired = "这个问题已过期（%d分钟内有效），请重新发送「%s」。"
	// TextOfferWithdrawn answers a "是" to a question withdrawn since (the
	// sender said no or sent a command; %s = the command it offered).
	TextOfferWithdrawn = "您之后发了别的消息，这个问题已撤回；如还需要，请发送「%s」。"
	// TextWorkerOnly refuses a grid-worker command (%s = the command).
	TextWorkerOnly = "「%s」是网格员使用的命令，居民朋友可以发送「帮助」查看可用功能。"
	// TextTooLong answers a message over MaxTextRunes (its length, the limit).
	TextTooLong = "您的消息有%d个字，超过了机器人一次能处理的%d个字，没有处理。请分成几条发送。"
	// TextTooLongJielong answers a 接龙 over MaxTextRunes: it says plainly
	// that it is too long and what to do instead (sign up one by one; a
	// longer repost of the same list would be refused too).
	TextTooLongJielong = "这条接龙太长了（%d个字，机器人一次最多处理%d个字），这次没有登记。请不要再转发整条接龙：还没报上的居民请各自发「报名 活动编号」（如「报名 1」）。之前已登记的报名不受影响。"
	// TextSessionRestored tells staff the platform session was lost and is
	// back (lost at, "（reason）", back at, how long, what happened to held
	// messages).
	TextSessionRestored = "【系统】微信连接曾于 %s 中断%s，已于 %s 恢复，共中断%s。%s"
	// TextScanAlert is the out-of-band alert when WeChat needs a QR scan
	// (community, lost at, where the QR code is).
	TextScanAlert = "【邻里通·%s】微信掉线（%s 起），需要重新扫码登录，期间居民群收不到回复。%s 请用机器人的微信号扫码（不要用个人微信）。"
	// TextScanPNG says where the QR code image is (%s = its path on the server).
	TextScanPNG = "二维码图片在服务器上：%s。"
	// TextScanNoPNG is TextScanPNG when the image could not be saved.
	TextScanNoPNG = "二维码显示在运行 linli 的终端里。"
	// TextSessionHeld says how many held messages were sent after restoration.
	TextSessionHeld = "期间积压的%d条消息已补发。"
	// TextDropped tells staff a message was given up (to, reason, start of text).
	TextDropped = "【系统】一条消息多次发送失败，已放弃：发往「%s」（%s）。内容：%s 请检查该群或好友是否还在，必要时人工转达。"
	// TextDroppedRenamed follows TextDropped for a configured group (%s):
	// it may have been renamed.
	TextDroppedRenamed = "如果该群改了名，请在改名后的群里发送「绑定群 %s」。"
	// TextMaybeSent tells staff a message was being sent when linli last
	// stopped, so it is not sent again (to, start of text).
	TextMaybeSent = "【系统】linli 上次意外停止时，一条消息正在发送，不能确定是否已经发出：发往「%s」，内容：%s 为免重复，不再自动补发；如对方没有收到，请人工转达。"
	// TextStorageDown tells staff the database cannot be written.
	// TextBacklog: pending messages, per-minute pace, minutes to drain.
	TextBacklog     = "【系统】待发消息积压了%d条，按每分钟%d条的速度（为免被微信限制）约需%d分钟才能发完，新的通知和回复都会晚到。请暂缓群发；如有异常（有人反复触发群发），请检查定时通知（「定时列表」）。"
	TextStorageDown = "【系统】数据库暂时无法写入（可能是服务器磁盘已满或变成只读），机器人已暂停发送消息，以免重复发送。请尽快检查服务器磁盘；恢复后会自动继续发送，不会重复。"
	// TextSessionNothingHeld says no message waited during the loss.
	TextSessionNothingHeld = "中断期间没有待发的消息。"
)
