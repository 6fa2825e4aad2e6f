package survey

import (
	"fmt"
	"strings"

	"linli"
	"linli/handlers/zhtime"
)

// Texts of 问卷.

const (
	textPublishUsage = "发起问卷请这样写（第一行标题和截止时间，下面每行一道题）：\n发起问卷 社区需求调研 截止:12月20日\n1. 您最希望社区开展哪类活动？ 健康讲座/文艺演出/亲子活动 多选\n2. 您对社区服务满意吗？ 满意/一般/不满意\n3. 您还有什么建议？ 填空"
	textAnswerUsage  = "填写问卷请发「问卷 编号 答案」，如「问卷1 AC 满意 希望多办讲座」；发「问卷」查看正在进行的问卷。"
	textCloseUsage   = "结束问卷请写：结束问卷 <编号>，如「结束问卷 1」。"
)

func kindLabel(q linli.SurveyQuestion) string {
	switch q.Kind {
	case linli.QuestionMultiple:
		return "（多选）"
	case linli.QuestionText:
		return "（填空）"
	}
	return ""
}

// example is a full answer of s, for the card: "问卷1 AC 满意 希望多办讲座".
func example(s *linli.Survey) (all, one string) {
	parts := []string{fmt.Sprintf("问卷%d", s.ID)}
	for _, q := range s.Questions {
		switch q.Kind {
		case linli.QuestionMultiple:
			parts = append(parts, letters[:min(2, len(q.Options))])
		case linli.QuestionSingle:
			parts = append(parts, "A")
		default:
			parts = append(parts, "您的意见")
		}
	}
	first := "A"
	if s.Questions[0].Kind == linli.QuestionText {
		first = "您的意见"
	}
	return strings.Join(parts, " "), fmt.Sprintf("问卷%d 1 %s", s.ID, first)
}

func textCard(s *linli.Survey) string {
	var b strings.Builder
	fmt.Fprintf(&b, "【问卷】问卷%d「%s」（%s截止）", s.ID, s.Title, zhtime.Format(s.Deadline))
	for i, q := range s.Questions {
		fmt.Fprintf(&b, "\n%d. %s%s", i+1, q.Text, kindLabel(q))
		if len(q.Options) > 0 {
			b.WriteString(" " + optionList(q))
		}
	}
	all, one := example(s)
	fmt.Fprintf(&b, "\n一次答完请发「%s」，也可以一题一条「%s」；选项回复字母，私聊我也可以。", all, one)
	return b.String()
}

func textPublished(s *linli.Survey) string {
	return fmt.Sprintf("已发起问卷%d「%s」：%d道题，%s截止，已发到：%s。截止时把结果发给您，也可以提前「结束问卷 %d」。",
		s.ID, s.Title, len(s.Questions), zhtime.Format(s.Deadline), strings.Join(s.Groups, "、"), s.ID)
}

func textNotThisGroup(s *linli.Survey) string {
	return fmt.Sprintf("问卷%d「%s」是发给%s的，本群不参加。", s.ID, s.Title, strings.Join(s.Groups, "、"))
}

func textNotYourGroup(s *linli.Survey, group string) string {
	return fmt.Sprintf("谢谢您的热心！问卷%d「%s」是发给%s居民的，您所在的%s不参加这次调研。", s.ID, s.Title, strings.Join(s.Groups, "、"), group)
}

func textAnswerUnknownResident(s *linli.Survey) string {
	return fmt.Sprintf("谢谢您的热心！问卷%d「%s」是发给%s居民的。如果您住在这里，请在您所在的居民群里发「问卷%d 答案」填写。", s.ID, s.Title, strings.Join(s.Groups, "、"), s.ID)
}

func textStaffNoAnswer(s *linli.Survey) string {
	return fmt.Sprintf("问卷%d「%s」是请居民填写的，工作人员的答案不计入。发「导出 问卷」可查看结果。", s.ID, s.Title)
}

func textSurveyClosed(s *linli.Survey) string {
	return fmt.Sprintf("问卷%d「%s」已经结束了，谢谢您的关心。", s.ID, s.Title)
}

func textAnswerHint(s *linli.Survey) string {
	all, one := example(s)
	return fmt.Sprintf("一次答完请发「%s」，或一题一条「%s」。", all, one)
}

func textAnswered(s *linli.Survey, a *linli.SurveyAnswer, wasComplete bool) string {
	var missing []string
	for i := range s.Questions {
		if i >= len(a.Answers) || len(a.Answers[i]) == 0 {
			missing = append(missing, fmt.Sprint(i+1))
		}
	}
	switch {
	case len(missing) > 0:
		return fmt.Sprintf("已记下问卷%d的答案，还差第%s题。", s.ID, strings.Join(missing, "、"))
	case wasComplete:
		return fmt.Sprintf("已更新您的问卷%d答卷，谢谢！", s.ID)
	}
	return fmt.Sprintf("问卷%d「%s」已填完，谢谢您的意见！", s.ID, s.Title)
}

func textOpenSurveys(open []linli.Survey) string {
	if len(open) == 0 {
		return "现在没有正在进行的问卷。"
	}
	var b strings.Builder
	b.WriteString("正在进行的问卷：")
	for _, s := range open {
		fmt.Fprintf(&b, "\n问卷%d「%s」%d道题，%s截止", s.ID, s.Title, len(s.Questions), zhtime.Format(s.Deadline))
	}
	fmt.Fprintf(&b, "\n发「问卷%d」查看题目。", open[0].ID)
	return b.String()
}

// maxTextsShown bounds the free texts in the staff results; the export has
// them all.
const maxTextsShown = 30

func textResultsStaff(s *linli.Survey, r results) string {
	var b strings.Builder
	fmt.Fprintf(&b, "【问卷结果】问卷%d「%s」：%d人答卷（%d人全部答完）。", s.ID, s.Title, r.respondents, r.complete)
	for i, q := range s.Questions {
		fmt.Fprintf(&b, "\n%d. %s%s", i+1, q.Text, kindLabel(q))
		if q.Kind == linli.QuestionText {
			fmt.Fprintf(&b, " %d条：", len(r.texts[i]))
			for j, t := range r.texts[i] {
				if j == maxTextsShown {
					fmt.Fprintf(&b, "\n  ……还有%d条，发「导出 问卷」查看全部", len(r.texts[i])-j)
					break
				}
				b.WriteString("\n  · " + t)
			}
			continue
		}
		parts := make([]string, len(q.Options))
		for j, o := range q.Options {
			parts[j] = fmt.Sprintf("%s %d", o, r.counts[i][j])
		}
		b.WriteString("\n  " + strings.Join(parts, " · "))
	}
	return b.String()
}

func textResultsGroup(s *linli.Survey, r results) string {
	var b strings.Builder
	fmt.Fprintf(&b, "【问卷结束】问卷%d「%s」共%d位居民参与，谢谢大家！", s.ID, s.Title, r.respondents)
	for i, q := range s.Questions {
		if q.Kind == linli.QuestionText || r.respondents == 0 {
			continue
		}
		best := 0
		for j := range q.Options {
			if r.counts[i][j] > r.counts[i][best] {
				best = j
			}
		}
		var tied []string // a tie names every option at the top
		for j, o := range q.Options {
			if r.counts[i][j] == r.counts[i][best] {
				tied = append(tied, o)
			}
		}
		switch {
		case r.counts[i][best] == 0:
			fmt.Fprintf(&b, "\n%d. %s 没有人选", i+1, q.Text)
		case len(tied) > 1:
			fmt.Fprintf(&b, "\n%d. %s 选得最多：%s（各%d人）", i+1, q.Text, strings.Join(tied, "、"), r.counts[i][best])
		default:
			fmt.Fprintf(&b, "\n%d. %s 选得最多：%s（%d人）", i+1, q.Text, q.Options[best], r.counts[i][best])
		}
	}
	b.WriteString("\n社区会根据大家的意见安排工作。")
	return b.String()
}
