package survey

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
	"time"

	"linli"
	"linli/handlers/tell"
	"linli/handlers/zhtime"
	"linli/textnorm"
)

// Limits of what staff type.
const (
	maxTitle    = 30
	maxQuestion = 60
	maxOption   = 15
	maxText     = 200 // runes of a free-text answer
)

var (
	headField    = regexp.MustCompile(`(截止时间|截止|群)\s*:\s*`)
	questionLine = regexp.MustCompile(`^\s*([0-9]{1,2})\s*[.、．)）]\s*(.+)$`)
	optionSep    = regexp.MustCompile(`\s*[/／|｜]\s*`)
	letters      = "ABCDEFGHIJ"
)

// kindWords are the markers that end a question line.
var kindWords = map[string]string{
	"多选": linli.QuestionMultiple, "可多选": linli.QuestionMultiple, "单选": linli.QuestionSingle,
	"填空": linli.QuestionText, "问答": linli.QuestionText, "简答": linli.QuestionText,
}

// parsePublish reads 发起问卷 <标题> 截止:<时间> [群:…] followed by numbered
// question lines. Errors are EInvalid *linli.Error with an example.
func parsePublish(args string, now time.Time, cfg *linli.Config) (*linli.Survey, error) {
	bad := func(format string, a ...any) error {
		return linli.Errorf(linli.EInvalid, "%s\n%s", fmt.Sprintf(format, a...), textPublishUsage)
	}
	lines := strings.Split(strings.ReplaceAll(args, "\r", ""), "\n")
	head := strings.TrimSpace(lines[0])
	s := &linli.Survey{Status: linli.SurveyOpen}
	locs := headField.FindAllStringSubmatchIndex(head, -1)
	fields := map[string]string{}
	title := head
	if len(locs) > 0 {
		title = head[:locs[0][0]]
	}
	for i, l := range locs {
		end := len(head)
		if i+1 < len(locs) {
			end = locs[i+1][0]
		}
		label := head[l[2]:l[3]]
		if label == "截止时间" {
			label = "截止"
		}
		if _, dup := fields[label]; dup {
			return nil, bad("「%s:」写了两次。", label)
		}
		fields[label] = strings.TrimSpace(head[l[1]:end])
	}
	s.Title = textnorm.ChinesePunctBrackets(strings.TrimSpace(title))
	switch n := len([]rune(s.Title)); {
	case n == 0:
		return nil, bad("请写上问卷标题。")
	case n > maxTitle:
		return nil, bad("问卷标题最多%d个字。", maxTitle)
	}
	d, ok := fields["截止"]
	if !ok || d == "" {
		return nil, bad("请写上截止时间，如「截止:12月20日」。")
	}
	deadline, err := zhtime.ParseDeadline(d, now)
	if err != nil {
		return nil, bad("%v", err)
	}
	if !deadline.After(now) {
		return nil, bad("截止时间 %s 已经过去了。", zhtime.Format(deadline))
	}
	s.Deadline = deadline
	if s.Groups, err = parseGroups(fields["群"], cfg); err != nil {
		return nil, err
	}
	for _, line := range lines[1:] {
		if strings.TrimSpace(line) == "" {
			continue
		}
		m := questionLine.FindStringSubmatch(line)
		if m == nil {
			return nil, bad("这一行看不懂：「%s」。每道题一行，以题号开头，如「1. 您对社区服务满意吗？ 满意/一般/不满意」。", strings.TrimSpace(line))
		}
		if want := fmt.Sprint(len(s.Questions) + 1); m[1] != want {
			return nil, bad("题号应为%s，这一行写的是%s：「%s」。", want, m[1], strings.TrimSpace(line))
		}
		q, err := parseQuestion(strings.TrimSpace(m[2]))
		if err != nil {
			return nil, bad("第%d题：%s", len(s.Questions)+1, err)
		}
		s.Questions = append(s.Questions, q)
	}
	switch {
	case len(s.Questions) == 0:
		return nil, bad("问卷还没有题目：请在「发起问卷」那行下面每行写一道题。")
	case len(s.Questions) > linli.MaxSurveyQuestions:
		return nil, bad("一份问卷最多%d道题。", linli.MaxSurveyQuestions)
	}
	return s, nil
}

// parseQuestion reads "您最希望…？ 健康讲座/文艺演出 多选", "您满意吗？
// 满意/一般/不满意" or "您还有什么建议？ 填空".
func parseQuestion(text string) (linli.SurveyQuestion, error) {
	q := linli.SurveyQuestion{Kind: linli.QuestionSingle}
	fields := strings.Fields(text)
	marked := ""
	if k, ok := kindWords[fields[len(fields)-1]]; ok && len(fields) > 1 {
		marked, fields = k, fields[:len(fields)-1]
	}
	if marked == linli.QuestionText {
		q.Kind, q.Text = linli.QuestionText, strings.Join(fields, " ")
	} else if last := fields[len(fields)-1]; len(fields) > 1 && optionSep.MatchString(last) {
		q.Text = strings.Join(fields[:len(fields)-1], " ")
		for _, o := range optionSep.Split(last, -1) {
			if o = strings.TrimSpace(o); o == "" {
				return q, fmt.Errorf("选项不能是空的")
			}
			if len([]rune(o)) > maxOption {
				return q, fmt.Errorf("选项「%s」太长了（最多%d个字）", o, maxOption)
			}
			if slices.Contains(q.Options, o) {
				return q, fmt.Errorf("选项「%s」写了两次", o)
			}
			q.Options = append(q.Options, o)
		}
		switch {
		case len(q.Options) < 2:
			return q, fmt.Errorf("至少要有两个选项，用 / 隔开")
		case len(q.Options) > linli.MaxSurveyOptions:
			return q, fmt.Errorf("选项最多%d个（现在%d个）", linli.MaxSurveyOptions, len(q.Options))
		}
		if marked != "" {
			q.Kind = marked
		}
	} else if marked != "" {
		return q, fmt.Errorf("写了「%s」，但没有选项：选项用 / 隔开，如「满意/一般/不满意」", map[string]string{linli.QuestionMultiple: "多选", linli.QuestionSingle: "单选"}[marked])
	} else if n := len(fields); n > 1 && strings.HasSuffix(fields[n-2], "？") && len([]rune(fields[n-1])) <= maxOption {
		// "好吗？ 好": one option after the question, not free text
		return q, fmt.Errorf("「%s」后面只有一个选项「%s」：至少要有两个选项，用 / 隔开；要居民自由填写，请在题目后写「填空」", fields[n-2], fields[n-1])
	} else {
		q.Kind, q.Text = linli.QuestionText, text // no options: free text
	}
	q.Text = textnorm.ChinesePunctBrackets(q.Text)
	if len([]rune(q.Text)) > maxQuestion {
		return q, fmt.Errorf("题目最多%d个字", maxQuestion)
	}
	return q, nil
}

// parseGroups reads 群: "全部" / empty for every served group, or a list.
func parseGroups(s string, cfg *linli.Config) ([]string, error) {
	s = strings.TrimSpace(s)
	if s == "" || s == "全部" || s == "所有" {
		return slices.Clone(cfg.Groups), nil
	}
	var out []string
	for _, name := range strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == '、' || r == ';' || r == ' ' }) {
		unknown := fmt.Sprintf("没有叫「%s」的居民群（可用：%s）。", name, strings.Join(cfg.Groups, "、"))
		g, err := tell.Group(name, cfg.Groups, unknown, func([]string) string { return unknown })
		if err != nil {
			return nil, err
		}
		if !slices.Contains(out, g) {
			out = append(out, g)
		}
	}
	return out, nil
}

// parseChoice reads the answer to question q: letters ("AC", "A、C"),
// option texts ("满意", "健康讲座、亲子活动"), or free text.
func parseChoice(q linli.SurveyQuestion, n int, s string) ([]string, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return nil, fmt.Errorf("第%d题还没有答案", n)
	}
	if q.Kind == linli.QuestionText {
		if len([]rune(s)) > maxText {
			return nil, fmt.Errorf("第%d题的回答最多%d个字", n, maxText)
		}
		return []string{s}, nil
	}
	var picked []int
	compact := strings.Map(func(r rune) rune {
		if r == ',' || r == '、' || r == ' ' || r == '，' {
			return -1
		}
		return r
	}, strings.ToUpper(s))
	if isLetters(compact, len(q.Options)) {
		for _, r := range compact {
			if i := strings.IndexRune(letters, r); !slices.Contains(picked, i) {
				picked = append(picked, i)
			}
		}
	} else {
		for _, part := range strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == '、' || r == '，' || r == '/' }) {
			i := optionIndex(q.Options, strings.TrimSpace(part))
			if i < 0 {
				return nil, fmt.Errorf("第%d题没有「%s」这个选项，请回复字母：%s", n, part, optionList(q))
			}
			if !slices.Contains(picked, i) {
				picked = append(picked, i)
			}
		}
	}
	if len(picked) > 1 && q.Kind == linli.QuestionSingle {
		return nil, fmt.Errorf("第%d题是单选，只能选一个：%s", n, optionList(q))
	}
	slices.Sort(picked)
	out := make([]string, len(picked))
	for i, p := range picked {
		out[i] = q.Options[p]
	}
	return out, nil
}

// intensifiers may come before an option's text: 很满意 is 满意.
var intensifiers = []string{"非常", "十分", "特别", "很", "挺", "蛮", "超"}

// optionIndex finds answer among options: the text itself, or with an
// intensifier in front ("很满意" for 满意; "很不满意" for 不满意); -1 if none.
func optionIndex(options []string, answer string) int {
	if i := slices.Index(options, answer); i >= 0 {
		return i
	}
	for _, w := range intensifiers {
		if rest, ok := strings.CutPrefix(answer, w); ok && rest != "" {
			if i := slices.Index(options, rest); i >= 0 {
				return i
			}
		}
	}
	return -1
}

// isLetters reports whether s is only option letters of n options.
func isLetters(s string, n int) bool {
	if s == "" {
		return false
	}
	for _, r := range s {
		if i := strings.IndexRune(letters, r); i < 0 || i >= n {
			return false
		}
	}
	return true
}

// optionList is "A.满意 B.一般 C.不满意".
func optionList(q linli.SurveyQuestion) string {
	parts := make([]string, len(q.Options))
	for i, o := range q.Options {
		parts[i] = string(letters[i]) + "." + o
	}
	return strings.Join(parts, " ")
}

// parseAnswers reads the words after 问卷<编号>: "<题号> <答案>" for one
// question, or the answers of all questions in order. A free-text answer
// that is last takes the rest of the words. It returns answers indexed by
// question (nil for a question not answered).
func parseAnswers(s *linli.Survey, rest string) ([][]string, error) {
	words := strings.Fields(rest)
	out := make([][]string, len(s.Questions))
	if len(words) == 0 {
		return nil, fmt.Errorf("请写上答案")
	}
	if n, ok := questionNumber(words[0], 99); ok && n > len(s.Questions) && len(words) > 1 &&
		!slices.Contains(s.Questions[0].Options, words[0]) {
		return nil, fmt.Errorf("问卷%d只有%d道题，没有第%d题", s.ID, len(s.Questions), n)
	}
	if n, ok := questionNumber(words[0], len(s.Questions)); ok && len(words) > 1 {
		ans, err := parseChoice(s.Questions[n-1], n, strings.Join(words[1:], " "))
		if err != nil {
			return nil, err
		}
		out[n-1] = ans
		return out, nil
	}
	for i, q := range s.Questions {
		if len(words) == 0 {
			return nil, fmt.Errorf("一共%d道题，只写了%d个答案；也可以一题一条：「问卷%d %d 答案」", len(s.Questions), i, s.ID, i+1)
		}
		w := words[0]
		words = words[1:]
		if q.Kind == linli.QuestionText && i == len(s.Questions)-1 {
			w = strings.Join(append([]string{w}, words...), " ")
			words = nil
		}
		ans, err := parseChoice(q, i+1, w)
		if err != nil {
			return nil, err
		}
		out[i] = ans
	}
	if len(words) > 0 {
		return nil, fmt.Errorf("一共%d道题，答案多写了「%s」", len(s.Questions), strings.Join(words, " "))
	}
	return out, nil
}

// questionNumber reads a question number 1..n.
func questionNumber(w string, n int) (int, bool) {
	var q int
	if _, err := fmt.Sscanf(w, "%d", &q); err != nil || fmt.Sprint(q) != w || q < 1 || q > n {
		return 0, false
	}
	return q, true
}
