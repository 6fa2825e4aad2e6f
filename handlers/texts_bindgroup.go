package handlers

import (
	"fmt"
	"strings"
)

// Texts of 绑定群, which re-binds a renamed group.

const (
	textBindGroupUsage = "请在改了名的群里发送「绑定群 原来配置的群名」，例如：绑定群 幸福里1期居民群。"
	textBindGroupHelp  = "绑定群 幸福里1期居民群 — 群改名后在该群里发送，重新绑定"
)

func textBindGroupPrivate(example string) string {
	return fmt.Sprintf("「绑定群」要在改了名的那个群里发送，机器人才知道是哪个群。请到该群里发：绑定群 %s", example)
}

func textBindGroupUnknown(name string, configured []string) string {
	return fmt.Sprintf("配置中没有群「%s」。可以绑定的群：%s。请在改了名的群里发送，例如：绑定群 %s",
		name, strings.Join(configured, "、"), configured[0])
}

func textBindGroupSame(name string) string {
	return fmt.Sprintf("本群就是「%s」，名字没有变，无需重新绑定。", name)
}

func textBindGroupRestored(name string) string {
	return fmt.Sprintf("本群已改回原名「%s」，之前的绑定已取消，以后本群的消息照常处理。", name)
}

func textBindGroupAlready(name string) string {
	return fmt.Sprintf("本群已经绑定为「%s」，无需重复绑定。", name)
}

func textBindGroupOther(topic, name string) string {
	return fmt.Sprintf("本群「%s」本身是配置中的群，不能再绑定为「%s」。请在改了名的那个群里发送。", topic, name)
}

func textBindGroupDone(name string) string {
	return fmt.Sprintf("已绑定：本群即「%s」，以后本群的消息照常处理。", name)
}
