package account

import "fmt"

// Texts of 帮助 and 绑定. Every family keeps its texts in its own texts.go.

const (
	textHelpWorker          = "【网格员】"
	textHelpAbove           = "菜单刚发过，请往上翻看；也可以私聊我发「帮助」。"
	textHelpStaff           = "【社工】"
	textBindUsage           = "请发送「绑定 户号」登记您家，例如：绑定 3栋502 或 绑定 3栋1单元502。"
	textBindUnknownBuilding = "本社区没有%s，请检查楼栋号，例如：绑定 3栋502。"
)

func textHelpHeader(community, bot string) string {
	return fmt.Sprintf("您好，我是%s的%s，可以这样跟我说：", community, bot)
}

func textBound(household string) string {
	return fmt.Sprintf("已登记您的户号：%s。以后报名、上报、投票都会按这户记录。", household)
}

// textRebound confirms a change of a household bound earlier (a typo
// fixed, a move).
func textRebound(before, after string) string {
	return "已把您的户号从" + before + "改为" + after + "。"
}
