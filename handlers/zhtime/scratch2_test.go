package zhtime

import (
	"fmt"
	"testing"
	"time"
)

func TestScratch2(t *testing.T) {
	loc, _ := time.LoadLocation("Asia/Shanghai")
	now := time.Date(2026, 11, 23, 9, 0, 0, 0, loc)
	for _, s := range []string{"半天后", "半分钟后", "二十四小时后", "两个小时后", "3个月后", "2月后"} {
		r, err := safeWhen(afterParser, s, now)
		if r != nil {
			fmt.Printf("%s => %q %s %v\n", s, r.Text, r.Time.Format("2006-01-02 15:04"), err)
		} else {
			fmt.Printf("%s => nil %v\n", s, err)
		}
	}
}
