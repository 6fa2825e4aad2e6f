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
	// TextWorkerOnly refuses a grid-worker command (%s = the command).
	TextWorkerOnly = "「%s」是网格员使用的命令，居民朋友可以发送「帮助」查看可用功能。"
	// TextSessionRestored tells staff the platform session was lost and is
	// back (lost at, "（reason）", back at, what happened to held messages).
	TextSessionRestored = "【系统】微信连接曾于 %s 中断%s，已于 %s 恢复，%s"
	// TextSessionHeld says how many held messages were sent after restoration.
	TextSessionHeld = "期间积压的%d条消息已补发。"
	// TextDropped tells staff a message was given up (to, reason, start of text).
	TextDropped = "【系统】一条消息多次发送失败，已放弃：发往「%s」（%s）。内容：%s 请检查该群或好友是否还在，必要时人工转达。"
	// TextDroppedRenamed follows TextDropped for a configured group (%s):
	// it may have been renamed.
	TextDroppedRenamed = "如果该群改了名，请在改名后的群里发送「绑定群 %s」。"
	// TextSessionNothingHeld says no message waited during the loss.
	TextSessionNothingHeld = "中断期间没有待发的消息。"
)
