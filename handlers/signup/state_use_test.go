package signup

import (
	"strings"
	"testing"
	"time"

	"linli"
)

// TestCardsAreSentAlone: an activity's card in a group is never merged by
// the outbox with replies to other people (Outgoing.Alone).
func TestCardsAreSentAlone(t *testing.T) {
	w := newSignupWorld(t)
	if err := w.run("", "李社工", "发布活动", "书法课 时间:11月28日 9:30-11:00 地点:活动室 名额:30", rulesT0); err != nil {
		t.Fatal(err)
	}
	cards := 0
	for _, o := range w.sent {
		if o.To.Group == "" {
			continue
		}
		cards++
		if !o.Alone || !strings.HasPrefix(o.Text, "【活动报名】活动2「书法课」\n时间：11月28日(周六) 09:30-11:00") {
			t.Errorf("card %+v: want it alone, with its time range", o)
		}
	}
	if cards != len(w.fam.Config.Groups) {
		t.Errorf("%d cards, want one per group", cards)
	}
}

// TestExportStatusIsTheState: the activities export says what state each
// activity is in now, as every command sees it (open, closed, over,
// cancelled), not only what staff last did.
func TestExportStatusIsTheState(t *testing.T) {
	start := rulesT0.Add(48 * time.Hour)
	for _, tt := range []struct {
		status string
		now    time.Time
		want   string
	}{
		{linli.ActivityOpen, rulesT0, linli.ActivityOpen},
		{linli.ActivityOpen, start, linli.ActivityClosed},
		{linli.ActivityOpen, start.Add(linli.DefaultLength), linli.ActivityOver},
		{linli.ActivityCancelled, start.Add(linli.DefaultLength), linli.ActivityCancelled},
	} {
		w := newSignupWorld(t)
		w.act.Status = tt.status
		w.fam.Clock = clockAt(tt.now)
		table, err := w.fam.exportActivities()
		if err != nil {
			t.Fatal(err)
		}
		col := -1
		for i, c := range table.Columns {
			if c.Key == "status" {
				col = i
			}
		}
		if got := table.Rows[0][col]; got != tt.want {
			t.Errorf("stored %s at %s: exported status %v, want %s", tt.status, tt.now.Format("01-02 15:04"), got, tt.want)
		}
	}
}

type clockAt time.Time

func (c clockAt) Now() time.Time { return time.Time(c) }
