package points

import (
	"fmt"
	"strings"
)

// Texts of 积分.

func textPoints(attended, resolved int) string {
	total := attended*pointsPerAttendance + resolved*pointsPerResolved
	var b strings.Builder
	fmt.Fprintf(&b, "您的积分：%d分", total)
	fmt.Fprintf(&b, "\n· 参加活动并签到 %d次 × %d分", attended, pointsPerAttendance)
	fmt.Fprintf(&b, "\n· 随手拍已办结 %d条 × %d分", resolved, pointsPerResolved)
	if total == 0 {
		b.WriteString("\n参加活动时记得「签到」，发现问题就「随手拍」，都能攒积分。")
	}
	return b.String()
}
