package export

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"linli"
)

func testTable() *linli.Table {
	at := time.Date(2026, 11, 23, 1, 0, 0, 0, time.UTC)
	return &linli.Table{Kind: "residents", Columns: []string{"name", "groups", "phone", "seen", "n"},
		Private: []string{"phone"},
		Rows:    [][]any{{"张阿姨", []string{"1期", "2期"}, "13800000000", at, 3}, {"王叔", []string(nil), "", time.Time{}, 0}}}
}

func TestWrite(t *testing.T) {
	loc, _ := time.LoadLocation("Asia/Shanghai")
	var js, cs bytes.Buffer
	if err := Write(testTable(), "json", loc, &js); err != nil {
		t.Fatal(err)
	}
	wantJSON := "[\n  {\"name\": \"张阿姨\", \"groups\": [\"1期\",\"2期\"], \"seen\": \"2026-11-23T09:00:00+08:00\", \"n\": 3},\n" +
		"  {\"name\": \"王叔\", \"groups\": [], \"seen\": null, \"n\": 0}\n]\n"
	if js.String() != wantJSON {
		t.Errorf("json =\n%s\nwant\n%s", js.String(), wantJSON)
	}
	if err := Write(testTable(), "csv", loc, &cs); err != nil {
		t.Fatal(err)
	}
	if want := "name,groups,seen,n\n张阿姨,\"1期,2期\",2026-11-23T09:00:00+08:00,3\n王叔,,,0\n"; cs.String() != want {
		t.Errorf("csv =\n%s\nwant\n%s", cs.String(), want)
	}
	data, err := XLSX(testTable(), loc)
	if err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	rows, err := f.GetRows("residents")
	if err != nil || len(rows) != 3 || strings.Join(rows[0], ",") != "name,groups,phone,seen,n" || rows[1][2] != "13800000000" {
		t.Errorf("xlsx rows = %q, %v; want the phone column for staff", rows, err)
	}
	if err := Write(testTable(), "pdf", loc, &cs); linli.ErrorCode(err) != linli.EInvalid {
		t.Errorf("Write pdf: %v, want EInvalid", err)
	}
}

func TestBuild(t *testing.T) {
	exports := []linli.Export{{Kind: "residents", Table: func() (*linli.Table, error) { return testTable(), nil }}}
	if tb, err := Build(exports, "residents"); err != nil || tb.Kind != "residents" {
		t.Errorf("Build(residents) = %v, %v", tb, err)
	}
	if _, err := Build(exports, "polls"); linli.ErrorCode(err) != linli.ENotFound {
		t.Errorf("Build(polls) = %v, want ENotFound (a kind not built)", err)
	}
	if _, err := Build(exports, "cats"); linli.ErrorCode(err) != linli.EInvalid {
		t.Errorf("Build(cats) = %v, want EInvalid", err)
	}
}
