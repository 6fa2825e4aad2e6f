package storage

import (
	"errors"
	"testing"
	"time"

	"linli"
)

func updateResident(t *testing.T, db *DB, name string, fn func(*linli.Resident)) *linli.Resident {
	t.Helper()
	r, err := db.UpdateResident(name, func(r *linli.Resident) error { fn(r); return nil })
	if err != nil {
		t.Fatalf("UpdateResident(%q): %v", name, err)
	}
	return r
}

func TestResidentNotFound(t *testing.T) {
	db, _ := newTestDB(t)
	_, err := db.Resident("3-502 张阿姨")
	if linli.ErrorCode(err) != linli.ENotFound || linli.ErrorMessage(err) != "找不到居民 3-502 张阿姨" {
		t.Fatalf("Resident of a stranger = %v", err)
	}
}

func TestUpdateResident(t *testing.T) {
	db, _ := newTestDB(t)
	r := updateResident(t, db, "3-502 张阿姨", func(r *linli.Resident) {
		r.Household = "3栋502"
		r.FirstSeen, r.LastSeen = t0, t0
	})
	if r.Name != "3-502 张阿姨" || r.Household != "3栋502" {
		t.Fatalf("created = %+v", r)
	}
	updateResident(t, db, "3-502 张阿姨", func(r *linli.Resident) {
		if r.Household != "3栋502" {
			t.Errorf("fn saw %+v, want the stored resident", r)
		}
		r.LastSeen = t0.Add(time.Hour)
	})

	boom := errors.New("boom")
	if _, err := db.UpdateResident("李叔", func(*linli.Resident) error { return boom }); !errors.Is(err, boom) {
		t.Fatalf("fn error = %v, want boom", err)
	}
	if _, err := db.Resident("李叔"); linli.ErrorCode(err) != linli.ENotFound {
		t.Fatalf("aborted update saved a resident: %v", err)
	}

	db = reopen(t, db)
	got, err := db.Resident("3-502 张阿姨")
	if err != nil {
		t.Fatal(err)
	}
	if !got.FirstSeen.Equal(t0) || !got.LastSeen.Equal(t0.Add(time.Hour)) || got.Household != "3栋502" {
		t.Fatalf("after reopen = %+v", got)
	}
}

func TestRenameResident(t *testing.T) {
	db, _ := newTestDB(t)
	updateResident(t, db, "张阿姨", func(r *linli.Resident) { r.Household = "3栋502" })
	updateResident(t, db, "王叔", func(*linli.Resident) {})

	_, err := db.UpdateResident("张阿姨", func(r *linli.Resident) error { r.Name = "王叔"; return nil })
	if linli.ErrorCode(err) != linli.EConflict {
		t.Fatalf("rename onto a taken name = %v, want EConflict", err)
	}
	updateResident(t, db, "张阿姨", func(r *linli.Resident) { r.Name = "3-502 张阿姨" })
	if _, err := db.Resident("张阿姨"); linli.ErrorCode(err) != linli.ENotFound {
		t.Errorf("old name still there: %v", err)
	}
	if r, err := db.Resident("3-502 张阿姨"); err != nil || r.Household != "3栋502" {
		t.Errorf("renamed = %+v, %v", r, err)
	}
}

func TestResidentByNicknameAndList(t *testing.T) {
	db, _ := newTestDB(t)
	updateResident(t, db, "小张", func(r *linli.Resident) { r.Nickname = "阿张"; r.LastSeen = t0 })
	updateResident(t, db, "3-502 张", func(r *linli.Resident) { r.Nickname = "阿张"; r.LastSeen = t0.Add(time.Hour) })
	updateResident(t, db, "阿张", func(r *linli.Resident) { r.Nickname = "别的" })
	updateResident(t, db, "1-101 李", func(r *linli.Resident) { r.Nickname = "老李" })

	tests := []struct {
		nick, want string
	}{
		{"阿张", "阿张"},      // Name wins over Nickname
		{"老李", "1-101 李"}, // by Nickname
		{"别的", "阿张"},      // by Nickname
		{"小张", "小张"},      // by Name
	}
	for _, tt := range tests {
		r, err := db.ResidentByNickname(tt.nick)
		if err != nil || r.Name != tt.want {
			t.Errorf("ResidentByNickname(%q) = %v, %v; want %q", tt.nick, r, err, tt.want)
		}
	}
	updateResident(t, db, "阿张", func(r *linli.Resident) { r.Name = "张三" })
	if r, err := db.ResidentByNickname("阿张"); err != nil || r.Name != "3-502 张" {
		t.Errorf("shared nickname = %v, %v; want the one seen last", r, err)
	}
	for _, nick := range []string{"", "陌生人"} {
		if _, err := db.ResidentByNickname(nick); linli.ErrorCode(err) != linli.ENotFound {
			t.Errorf("ResidentByNickname(%q) = %v, want ENotFound", nick, err)
		}
	}

	list, err := db.Residents()
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, r := range list {
		names = append(names, r.Name)
	}
	want := []string{"1-101 李", "3-502 张", "小张", "张三"}
	if len(names) != len(want) {
		t.Fatalf("Residents = %v, want %v", names, want)
	}
	for i := range want {
		if names[i] != want[i] {
			t.Fatalf("Residents = %v, want %v", names, want)
		}
	}
}
