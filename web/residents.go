package web

import (
	"net/http"
	"net/url"
	"sort"
	"strconv"
	"strings"

	"linli"
)

type residentRow struct {
	Name, Nickname, Household, LastGroup, LastSeen string
	Bound, Friend                                  bool
}

type householdRow struct {
	Household string
	People    []string
	Bound     int
}

// residentsPage lists residents (searchable, paginated) and the
// households they belong to, the owners' register (its size, the upload
// form) and the 绑定 requests waiting for staff. Phone numbers are never
// shown.
func (s *Server) residentsPage(w http.ResponseWriter, r *http.Request, sess *session) {
	if s.Residents == nil {
		s.notBuiltPage("居民与户")(w, r, sess)
		return
	}
	q := strings.TrimSpace(r.URL.Query().Get("q"))
	page, _ := strconv.Atoi(r.URL.Query().Get("page"))
	var rows []residentRow
	households := map[string]*householdRow{}
	err := s.Residents.EachResident(func(x *linli.Resident) error {
		if x.Household != "" {
			h := households[x.Household]
			if h == nil {
				h = &householdRow{Household: x.Household}
				households[x.Household] = h
			}
			h.People = append(h.People, x.Name)
			if x.Bound {
				h.Bound++
			}
		}
		if q != "" && !strings.Contains(x.Name, q) && !strings.Contains(x.Nickname, q) && !strings.Contains(x.Household, q) {
			return nil
		}
		rows = append(rows, residentRow{Name: x.Name, Nickname: x.Nickname, Household: x.Household, LastGroup: x.LastGroup,
			LastSeen: s.local(x.LastSeen), Bound: x.Bound, Friend: x.Friend})
		return nil
	})
	if err != nil {
		s.fail(w, r, sess, err)
		return
	}
	total := len(rows)
	pages := max(1, (total+pageSize-1)/pageSize)
	page = min(max(page, 1), pages)
	rows = rows[min((page-1)*pageSize, total):min(page*pageSize, total)]
	var hs []householdRow
	for _, h := range households {
		if q == "" || strings.Contains(h.Household, q) {
			hs = append(hs, *h)
		}
	}
	sort.Slice(hs, func(i, j int) bool { return householdLess(hs[i].Household, hs[j].Household) })
	link := func(p int) string {
		v := url.Values{}
		if q != "" {
			v.Set("q", q)
		}
		v.Set("page", strconv.Itoa(p))
		return "/residents?" + v.Encode()
	}
	data := map[string]any{"Rows": rows, "Total": total, "Page": page, "Pages": pages, "Q": q,
		"Households": hs, "HouseholdCount": len(households), "Flash": s.takeFlash(sess),
		"CanImport": s.Owners != nil && s.ReadTable != nil, "MaxFileMB": maxRegisterFile >> 20}
	if s.Owners != nil {
		n, area, err := s.Owners.RegisterTotals()
		if err != nil {
			s.fail(w, r, sess, err)
			return
		}
		binds, err := s.pendingBinds()
		if err != nil {
			s.fail(w, r, sess, err)
			return
		}
		data["Register"], data["RegisterArea"], data["Binds"] = n, formatTotal(area), binds
		data["Pending"] = s.pendingImport(sess) != nil
	}
	if page > 1 {
		data["Prev"] = link(page - 1)
	}
	if page < pages {
		data["Next"] = link(page + 1)
	}
	s.render(w, r, sess, "residents", "居民与户", data)
}

// householdLess orders 户号 by building, unit and room.
func householdLess(a, b string) bool {
	ha, oka := linli.ParseHousehold(a)
	hb, okb := linli.ParseHousehold(b)
	if !oka || !okb {
		return a < b
	}
	if ha.Building != hb.Building {
		return ha.Building < hb.Building
	}
	if ha.Unit != hb.Unit {
		return ha.Unit < hb.Unit
	}
	return ha.Room < hb.Room
}
