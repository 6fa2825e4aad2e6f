package web

import (
	"fmt"
	"strings"

	"linli"
)

// Every sentence people read in chat or on the workbench.
const (
	textHelpLink        = "后台 — 私聊获取工作台（网页）登录链接，10分钟内有效；用完发「退出后台」"
	textLinkResident    = "「后台」是社区工作人员登录工作台用的，居民朋友可以发送「帮助」查看可用功能。"
	textLinkPrivateOnly = "登录链接只能私聊发送，请私聊我发「后台」。"
	textWebOff          = "工作台没有开启（需要在配置里设置 [web] addr），请联系管理员。"
	textLinkInvalid     = "这个登录链接已失效（链接10分钟内有效，且只能用一次）。请在微信里私聊机器人重新发送「后台」。"
	textNeedLogin       = "请先登录：在微信里私聊机器人发送「后台」，打开收到的链接。"
	textStaffOnly       = "这个页面只对社工和主任开放。网格员请查看「随手拍」。"
	textCSRF            = "请求缺少有效的安全校验（可能页面已过期），请返回刷新页面后重试。"
	textBadForm         = "提交的内容无法读取（照片不超过 8MB），请重试。"
	textInternal        = "系统出错了，请稍后再试。"
	textLoggedOutWeb    = "已退出工作台。需要时请在微信里私聊机器人发送「后台」重新登录。"
	textNoteRequired    = "请填写说明（办结写处理结果，退回写原因）。"
	textNoteTooLong     = "说明太长了，请控制在 500 字以内。"
	textBadPhoto        = "照片只能是 JPG、PNG 或 GIF 图片，每张不超过 8MB。"
	textUnknownAction   = "未知的操作。"
	textGridRequired    = "请选择要转派的网格。"
	textNotYourGrid     = "这条上报不在您负责的网格，无法查看或操作。"
	textBadMonth        = "月份请写成 2026-11 这样的格式。"
	textNoticeBadWhen   = "定时的时间请写得简短，例如：明天8点、每周一9点。"
	textNoticeNoGroup   = "请至少选择一个居民群。"
	textNoticeEmpty     = "请填写通知内容。"
	textNoticeTooLong   = "通知太长了，请控制在 2000 字以内。"
	textCheckInNobody   = "请勾选要签到的人，或填写现场来的居民名字。"
	textRegisterNoFile  = "请选择要上传的业主名册文件（xlsx 或 csv）。"
	textRegisterNoPrev  = "没有待确认的名册导入（预览已过期或已经处理），请重新上传。"
	textRegisterStale   = "业主名册在预览之后有了变动（可能有人在微信里改过），为免覆盖，请重新上传预览。"
	textRegisterBad     = "名册有问题的行没有改正前不能导入（与命令行 linli import 的规则相同）。请在表格里改正后重新上传。"
	textRegisterOff     = "工作台无法导入名册（未接入名册读取），请使用 linli import households。"
	textRegisterCancel  = "已取消这次名册导入，名册没有改动。"
	textBindBadID       = "没有这条绑定申请。"
	textBindBadAction   = "不认识的操作（只能同意或拒绝），请从页面上的按钮操作。"
	textPageNotFound    = "找不到这个页面（地址可能写错了，或内容已经不在了）。请从上方的菜单进入。"
	textBadMethod       = "不能这样打开这个地址，请从页面上的按钮操作。"
)

// textRegisterEmpty refuses an uploaded register file of 0 bytes.
func textRegisterEmpty(name string) string {
	return fmt.Sprintf("文件是空的：%s 里什么都没有（0 字节）。请确认选对了文件，并在表格软件里保存后再上传。", name)
}

// textTooBig refuses a request body over limit bytes.
func textTooBig(limit int64) string {
	return fmt.Sprintf("提交的文件太大了（不能超过 %d MB），请压缩或拆分后重试。", limit>>20)
}

// textLink is the private message carrying a login link.
func textLink(a access, url string) string {
	scope := "全部页面"
	if !a.Staff() {
		scope = "本网格（" + strings.Join(a.Grids, "、") + "）的随手拍"
	}
	return fmt.Sprintf("工作台登录链接（%s可查看%s）：\n%s\n10分钟内有效，只能使用一次，请勿转发。用完发「退出后台」可立即退出。",
		a.Role.String(), scope, url)
}

// textLoggedOut answers 退出后台.
func textLoggedOut(n int) string {
	if n == 0 {
		return "您目前没有登录工作台；未使用的登录链接也已作废。"
	}
	return fmt.Sprintf("已退出工作台（%d 处登录已结束）。", n)
}

// statusWords are the report statuses as people read them.
var statusWords = map[string]string{
	linli.ReportSubmitted: "待受理",
	linli.ReportAccepted:  "处理中",
	linli.ReportResolved:  "已办结",
	linli.ReportRejected:  "已退回",
	linli.ReportReopened:  "重新打开",
}

// actionWords name the steps of a report's timeline.
var actionWords = map[string]string{
	linli.ReportSubmitted: "上报",
	linli.ReportAccepted:  "受理",
	linli.ReportResolved:  "办结",
	linli.ReportRejected:  "退回",
	linli.ReportReopened:  "没修好，重新打开",
	"transferred":         "转派",
	"recategorized":       "改类",
	"escalated":           "督办",
	"rated":               "评价",
	"image":               "补充照片",
	"resolution_image":    "办结照片",
	"referred":            "转办",
}

func actionWord(a string) string {
	if w, ok := actionWords[a]; ok {
		return w
	}
	return a
}
