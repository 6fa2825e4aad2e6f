package linli

import (
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"
)

// The owners' register as people fill it in: a header row naming the
// columns 户号, 业主姓名, 建筑面积㎡ and, optionally, 手机, then one household a
// row. ParseRegister holds the rules, for `linli import households` and the
// workbench's upload alike; reading an .xlsx or .csv into rows is the
// export package's (handlers/export.ReadRows, ReadRowsData).

// registerColumns are the header names accepted for each column.
var registerColumns = map[string][]string{
	"户号":   {"户号", "房号", "门牌"},
	"业主姓名": {"业主姓名", "业主", "姓名"},
	"建筑面积": {"建筑面积㎡", "建筑面积(㎡)", "建筑面积（㎡）", "建筑面积m2", "建筑面积", "面积"},
	"手机":   {"手机", "手机号", "电话", "联系电话"},
}

// MaxOwnerRunes is the longest 业主姓名 a register row may have: a longer
// one is a mistake (a whole note pasted into the cell), refused naming the
// row.
const MaxOwnerRunes = 50

// RegisterProblem is one row of a register that cannot be imported.
type RegisterProblem struct {
	Row  int    // 1-based row of the sheet (the header is row 1)
	Text string // in Chinese, naming the row: "第4行：3栋502 的建筑面积「很大」不是数字（例如 89.5）"
}

// ParseRegister checks the rows of a register file (rows[0] the header)
// and returns the households of the good rows and a problem for every bad
// one, in row order. Empty rows are skipped. The error is an EInvalid in
// Chinese when the file as a whole is unusable: empty, a header without
// the required columns, or no household at all; then nothing else is
// returned. The register may be imported only when problems is empty
// (RegisterProblemsError words the refusal).
func ParseRegister(rows [][]string) (entries []RegisterEntry, problems []RegisterProblem, err error) {
	if len(rows) == 0 {
		return nil, nil, Errorf(EInvalid, "名册是空的")
	}
	col := map[string]int{}
	for i, h := range rows[0] {
		h = strings.ReplaceAll(strings.TrimSpace(h), " ", "")
		for name, aliases := range registerColumns {
			for _, a := range aliases {
				if _, taken := col[name]; !taken && h == a {
					col[name] = i
				}
			}
		}
	}
	var missing []string
	for _, name := range []string{"户号", "业主姓名", "建筑面积"} {
		if _, ok := col[name]; !ok {
			missing = append(missing, name)
		}
	}
	if len(missing) > 0 {
		return nil, nil, Errorf(EInvalid, "第1行（表头）缺少列：%s。表头应为：户号、业主姓名、建筑面积㎡，可选 手机", strings.Join(missing, "、"))
	}
	cell := func(row []string, name string) string {
		i, ok := col[name]
		if !ok || i >= len(row) {
			return ""
		}
		return strings.TrimSpace(row[i])
	}
	bad := func(line int, format string, a ...any) {
		problems = append(problems, RegisterProblem{Row: line, Text: fmt.Sprintf("第%d行：", line) + fmt.Sprintf(format, a...)})
	}
	seen := map[string]int{}
	for n, row := range rows[1:] {
		line := n + 2
		if strings.TrimSpace(strings.Join(row, "")) == "" {
			continue
		}
		if name, f, ok := formulaCell(row, col); ok {
			bad(line, "「%s」一格是公式（%s），不是填好的内容：请在表格里选中这一列，复制后用「选择性粘贴→数值」粘回，再重新上传", name, cutText(f, 30))
			continue
		}
		raw := cell(row, "户号")
		if raw == "" {
			bad(line, "没有户号")
			continue
		}
		hh, ok := ParseHousehold(raw)
		if !ok {
			bad(line, "户号「%s」看不懂（例如 3栋502、3-1-502）", raw)
			continue
		}
		if first, dup := seen[hh.String()]; dup {
			bad(line, "户号 %s 与第%d行重复", hh, first)
			continue
		}
		seen[hh.String()] = line
		owner := cell(row, "业主姓名")
		switch n := utf8.RuneCountInString(owner); {
		case owner == "":
			bad(line, "%s 没有业主姓名", hh)
		case n > MaxOwnerRunes:
			bad(line, "%s 的业主姓名太长了（%d个字，最多%d个字），请只填姓名", hh, n, MaxOwnerRunes)
			owner = "" // refused: the row is not imported
		}
		areaText := strings.TrimSuffix(strings.TrimSuffix(cell(row, "建筑面积"), "㎡"), "m2")
		area, perr := strconv.ParseFloat(strings.TrimSpace(areaText), 64)
		if strings.TrimSpace(areaText) == "" {
			bad(line, "%s 没有填建筑面积", hh)
			continue
		}
		if perr != nil || area <= 0 || area > 10000 {
			bad(line, "%s 的建筑面积「%s」不是数字（例如 89.5）", hh, cell(row, "建筑面积"))
			continue
		}
		if owner == "" {
			continue
		}
		entries = append(entries, RegisterEntry{Household: hh.String(), Owner: owner, Area: area, Phone: cell(row, "手机")})
	}
	if len(entries) == 0 && len(problems) == 0 {
		return nil, nil, Errorf(EInvalid, "名册里只有表头，没有一户")
	}
	return entries, problems, nil
}

// formulaCell finds a cell of the register's columns that holds a
// spreadsheet formula (=1+1, =HYPERLINK(...)) rather than its value: a
// csv keeps the formula's text, an xlsx without computed values too
// (handlers/export). It returns the column's name and the formula.
func formulaCell(row []string, col map[string]int) (string, string, bool) {
	for _, name := range []string{"户号", "业主姓名", "建筑面积", "手机"} {
		i, ok := col[name]
		if !ok || i >= len(row) {
			continue
		}
		if v := strings.TrimSpace(row[i]); len(v) > 1 && v[0] == '=' {
			return name, v, true
		}
	}
	return "", "", false
}

// cutText shortens s to n runes, with "…".
func cutText(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	return string([]rune(s)[:n]) + "…"
}

// RegisterProblemsError is the EInvalid refusal of a register with
// problems: how many, the first 20, and that nothing was imported.
func RegisterProblemsError(problems []RegisterProblem) error {
	const show = 20
	lines := make([]string, 0, min(len(problems), show))
	for _, p := range problems[:min(len(problems), show)] {
		lines = append(lines, p.Text)
	}
	more := ""
	if len(problems) > show {
		more = fmt.Sprintf("\n……另有%d处", len(problems)-show)
	}
	return Errorf(EInvalid, "名册有%d处问题，什么都没有导入：\n%s%s", len(problems), strings.Join(lines, "\n"), more)
}
