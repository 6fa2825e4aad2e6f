package points

import (
	"fmt"
	"strings"
	"time"

	"linli"
)

// Texts of 志愿时长, 活动评价 and 邻里之星.

const (
	textCheckoutUsage = "志愿活动离开时请发「签退 活动编号」，如「签退 3」；不签退的按活动结束时间计算时长。"
	textRateUsage     = "评价活动请写：评价活动 <活动编号> <1-5分> [意见]，如「评价活动 1 5 很好」。"
	textOptOut        = "好的，邻里之星评选不再列出您，积分照常累计。想参加评选发「参与排名」。"
	textOptIn         = "好的，您会参加邻里之星评选。"
)

func textRateAsk(a *linli.Activity, group bool) string {
	who := "感谢您参加"
	if group {
		who = "感谢各位参加"
	}
	return fmt.Sprintf("活动%d「%s」结束了，%s！积分已记上，发「积分」可查看。请给活动打个分：发「评价活动 %d 5 很好」（1-5分，可附意见）。",
		a.ID, a.Title, who, a.ID)
}

func textRated(a *linli.Activity, stars int, replaced bool) string {
	if replaced {
		return fmt.Sprintf("已把您对活动%d「%s」的评价改为%d分，谢谢！", a.ID, a.Title, stars)
	}
	return fmt.Sprintf("谢谢您给活动%d「%s」打了%d分！意见会转给社工。", a.ID, a.Title, stars)
}

// ratingLine is "4.5分（12人评价）" or "暂无评价".
func ratingLine(sum linli.RatingSummary) string {
	if sum.Count == 0 {
		return "暂无评价"
	}
	return fmt.Sprintf("%.1f分（%d人评价）", sum.Average, sum.Count)
}

func textRatingsStaff(a *linli.Activity, sum linli.RatingSummary) string {
	var b strings.Builder
	fmt.Fprintf(&b, "【活动评价】活动%d「%s」：%s", a.ID, a.Title, ratingLine(sum))
	for i, c := range sum.Comments {
		if i == 20 {
			fmt.Fprintf(&b, "\n……还有%d条意见，见「统计 活动」。", len(sum.Comments)-i)
			break
		}
		b.WriteString("\n· " + c)
	}
	return b.String()
}

// textCheckedOut confirms a 签退; a negative balance (for a group) leaves
// the balance out.
func textCheckedOut(a *linli.Activity, hours float64, balance int) string {
	if balance < 0 {
		return fmt.Sprintf("签退成功！本次志愿服务「%s」记%s小时，辛苦了。发「志愿时长」查看累计时长。", a.Title, hoursText(hours))
	}
	return fmt.Sprintf("签退成功！本次志愿服务「%s」记%s小时，辛苦了。现有积分：%d分，发「志愿时长」查看累计时长。",
		a.Title, hoursText(hours), balance)
}

func textVolunteerHours(mine []linli.VolunteerRecord, total float64, people int, cfg *linli.Config) string {
	var b strings.Builder
	sum := 0.0
	for _, r := range mine {
		sum += r.Hours
	}
	if len(mine) == 0 {
		b.WriteString("您还没有志愿服务时长。参加标有「志愿活动」的活动并签到，就会记录时长和积分。")
	} else {
		fmt.Fprintf(&b, "您的志愿时长：共%s小时（%d次）", hoursText(sum), len(mine))
		for i := len(mine) - 1; i >= 0 && i >= len(mine)-5; i-- {
			r := mine[i]
			fmt.Fprintf(&b, "\n· %s 活动%d「%s」%s小时", r.CheckedIn.In(cfg.Location).Format("01-02"), r.ActivityID, r.Title, hoursText(r.Hours))
		}
	}
	if people > 0 {
		fmt.Fprintf(&b, "\n全社区累计志愿服务%s小时，%d位居民参与。", hoursText(total), people)
	}
	return b.String()
}

func textStarsGroup(month time.Time, stars []starLine) string {
	var b strings.Builder
	fmt.Fprintf(&b, "【邻里之星】%d月积分榜，感谢这些热心的邻居：", int(month.Month()))
	for i, s := range stars {
		fmt.Fprintf(&b, "\n%d. %s %d分", i+1, s.Resident, s.Points)
	}
	b.WriteString("\n参加活动、志愿服务、随手拍都能攒积分，发「兑换」看看能换什么。不想上榜可发「不参与排名」。")
	return b.String()
}

func textStarsStaff(month time.Time, lines []starLine) string {
	var b strings.Builder
	fmt.Fprintf(&b, "【邻里之星】%d月积分完整排名（%d人）：", int(month.Month()), len(lines))
	for i, s := range lines {
		fmt.Fprintf(&b, "\n%d. %s %d分", i+1, s.Resident, s.Points)
		if s.Group != "" {
			b.WriteString(" · " + s.Group)
		}
		if s.OptOut {
			b.WriteString("（不参与排名）")
		}
	}
	return b.String()
}
