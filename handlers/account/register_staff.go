package account

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"linli"
	"linli/handlers/export"
)

// Staff keep the owners' register in chat: 名册 3栋502 张桂芳 102.3 [手机]
// adds or changes one household; 导出 名册 sends the register as .xlsx, the
// only place its phone numbers appear. Neither is in 帮助 (the register is
// loaded with `linli import households`; the README says how).
func (h *Family) registerRegisterStaff(r linli.Router) {
	r.Command(linli.Command{Names: []string{"名册"}, Role: linli.RoleStaff, Args: linli.ArgsRequired,
		Usage: textRegisterUsage, Handler: h.putRegister})
	r.Command(linli.Command{Names: []string{"导出 名册", "导出名册"}, Role: linli.RoleStaff, Args: linli.ArgsNone,
		Handler: h.exportRegister})
}

// putRegister handles 名册 户号 业主姓名 面积 [手机].
func (h *Family) putRegister(ctx context.Context, req *linli.Request) error {
	if h.Owners == nil {
		return linli.Errorf(linli.EInvalid, "%s", textRegisterUsage)
	}
	f := strings.Fields(req.Args)
	if len(f) < 3 || len(f) > 4 {
		return linli.Errorf(linli.EInvalid, "%s", textRegisterUsage)
	}
	hh, ok := linli.ParseHousehold(f[0])
	if !ok {
		return linli.Errorf(linli.EInvalid, "户号「%s」看不懂。%s", f[0], textRegisterUsage)
	}
	area, err := strconv.ParseFloat(strings.TrimSuffix(f[2], "㎡"), 64)
	if err != nil || area <= 0 || area > 10000 {
		return linli.Errorf(linli.EInvalid, "建筑面积「%s」不是数字。%s", f[2], textRegisterUsage)
	}
	e := linli.RegisterEntry{Household: hh.String(), Owner: f[1], Area: area}
	if len(f) == 4 {
		e.Phone = f[3]
	}
	old, err := h.Owners.RegisterEntry(e.Household)
	if err != nil && linli.ErrorCode(err) != linli.ENotFound {
		return err
	}
	if err := h.Owners.PutRegisterEntry(e); err != nil {
		return err
	}
	verb := "已加入业主名册"
	if old != nil {
		verb = "已更新业主名册"
	}
	return req.ReplyPrivate(fmt.Sprintf("%s：%s 业主 %s，建筑面积 %s㎡。", verb, e.Household, e.Owner, strconv.FormatFloat(area, 'f', -1, 64)), nil)
}

// exportRegister sends staff the register as .xlsx, phone numbers included.
func (h *Family) exportRegister(ctx context.Context, req *linli.Request) error {
	if h.Owners == nil {
		return linli.Errorf(linli.EInvalid, "%s", textNoRegisterExport)
	}
	list, err := h.Owners.RegisterEntries()
	if err != nil {
		return err
	}
	if len(list) == 0 {
		return linli.Errorf(linli.EInvalid, "%s", textNoRegisterExport)
	}
	t := &linli.Table{Kind: "households", Title: "业主名册",
		Columns: []linli.Column{{Key: "household", Title: "户号"}, {Key: "owner", Title: "业主姓名"},
			{Key: "area", Title: "建筑面积㎡"}, {Key: "phone", Title: "手机"}},
		Private: []string{"phone"}}
	for _, e := range list {
		t.Rows = append(t.Rows, []any{e.Household, e.Owner, e.Area, e.Phone})
	}
	data, err := export.XLSX(t, export.Options{Location: h.Config.Location, Community: h.Config.Community, At: req.Now})
	if err != nil {
		return err
	}
	name := "业主名册-" + req.Now.In(h.Config.Location).Format("20060102") + ".xlsx"
	return req.ReplyPrivate(fmt.Sprintf("业主名册共%d户（含手机号，请勿外传）。", len(list)),
		&linli.Media{Name: name, Kind: linli.MediaFile, Data: data})
}
