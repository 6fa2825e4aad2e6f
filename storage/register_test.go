package storage

import (
	"slices"
	"testing"
	"time"

	"linli"
)

func TestRegister(t *testing.T) {
	db, _ := newTestDB(t)
	if n, _, err := db.RegisterTotals(); err != nil || n != 0 {
		t.Fatalf("empty register: %d, %v", n, err)
	}
	first := []linli.RegisterEntry{{Household: "3栋501", Owner: "王建国", Area: 89.5, Phone: "13900000001"}, {Household: "3栋502", Owner: "张桂芳", Area: 102.5}}
	if err := db.ReplaceRegister(first); err != nil {
		t.Fatal(err)
	}
	// A register with a duplicate is refused whole: the old one stays.
	bad := []linli.RegisterEntry{{Household: "1栋101", Owner: "赵刚", Area: 120}, {Household: "1栋101", Owner: "又是", Area: 1}}
	if err := db.ReplaceRegister(bad); linli.ErrorCode(err) != linli.EInvalid {
		t.Fatalf("duplicate 户号: %v", err)
	}
	n, area, err := db.RegisterTotals()
	if err != nil || n != 2 || area != 192 {
		t.Fatalf("after a refused import: %d households, %v m², %v; want the first register", n, area, err)
	}
	e, err := db.RegisterEntry("3栋501")
	if err != nil || e.Owner != "王建国" || e.Phone != "13900000001" {
		t.Fatalf("entry = %+v, %v", e, err)
	}
	if _, err := db.RegisterEntry("1栋101"); linli.ErrorCode(err) != linli.ENotFound {
		t.Fatalf("entry of a refused import: %v", err)
	}
	// Bind requests.
	r := &linli.BindRequest{Resident: "小王", Household: "3栋501", Status: linli.BindPending, At: time.Unix(0, 0)}
	if err := db.CreateBindRequest(r); err != nil || r.ID != 1 {
		t.Fatalf("create: %+v, %v", r, err)
	}
	got, err := db.UpdateBindRequest(1, func(r *linli.BindRequest) error { r.Status = linli.BindApproved; return nil })
	if err != nil || got.Status != linli.BindApproved {
		t.Fatalf("update: %+v, %v", got, err)
	}
	r2 := &linli.BindRequest{Resident: "老刘", Household: "3栋503", Status: linli.BindPending, At: time.Unix(60, 0)}
	if err := db.CreateBindRequest(r2); err != nil {
		t.Fatal(err)
	}
	for status, want := range map[string][]uint64{linli.BindPending: {2}, linli.BindApproved: {1}, "": {1, 2}, linli.BindRejected: nil} {
		list, err := db.BindRequests(status)
		var ids []uint64
		for _, x := range list {
			ids = append(ids, x.ID)
		}
		if err != nil || !slices.Equal(ids, want) {
			t.Errorf("BindRequests(%q) = %v, %v; want %v", status, ids, err, want)
		}
	}
	if _, err := db.UpdateBindRequest(9, func(*linli.BindRequest) error { return nil }); linli.ErrorCode(err) != linli.ENotFound {
		t.Fatalf("unknown request: %v", err)
	}
}
