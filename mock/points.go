package mock

import (
	"slices"
	"sort"
	"sync"
	"time"

	"linli"
)

var (
	_ linli.PointsService = (*Ledger)(nil)
	_ linli.FeedbackStore = (*Feedback)(nil)
)

// Ledger is an in-memory linli.PointsService that behaves like storage's:
// a source counts once, rule entries are cut by the monthly cap
// (linli.CapAmount), a balance never goes below zero. Safe for concurrent
// use.
type Ledger struct {
	mu       sync.Mutex
	Entries  []linli.PointsEntry // in ID order
	balances map[string]*linli.PointsBalance
	months   map[string]*linli.MonthPoints // month 0x00 resident
	// Caps records the monthlyCap of every AddPoints call.
	Caps []int
}

func (l *Ledger) init() {
	if l.balances == nil {
		l.balances = map[string]*linli.PointsBalance{}
		l.months = map[string]*linli.MonthPoints{}
	}
}

// AddPoints implements linli.PointsService.
func (l *Ledger) AddPoints(e linli.PointsEntry, monthlyCap int) (linli.PointsEntry, bool, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.init()
	l.Caps = append(l.Caps, monthlyCap)
	if e.Source != "" {
		for _, old := range l.Entries {
			if old.Source == e.Source {
				return old, false, nil
			}
		}
	}
	month := e.CreatedAt.Format("2006-01")
	mk := month + "\x00" + e.Resident
	mp := l.months[mk]
	if mp == nil {
		mp = &linli.MonthPoints{Resident: e.Resident, Month: month}
	}
	if linli.RuleKind(e.Kind) {
		if got := linli.CapAmount(e.Amount, mp.Rules, monthlyCap); got != e.Amount {
			e.Asked, e.Amount = e.Amount, got
		}
	}
	bal := l.balances[e.Resident]
	if bal == nil {
		bal = &linli.PointsBalance{Resident: e.Resident}
	}
	if bal.Balance+e.Amount < 0 {
		return e, false, linli.Errorf(linli.EConflict, "积分不够：现有%d分。", bal.Balance)
	}
	e.ID = uint64(len(l.Entries) + 1)
	bal.Balance += e.Amount
	bal.Entries++
	e.Balance = bal.Balance
	l.balances[e.Resident] = bal
	if linli.RuleKind(e.Kind) {
		mp.Rules += e.Amount
	}
	if linli.RankedKind(e.Kind) {
		mp.Ranked += e.Amount
	}
	l.months[mk] = mp
	l.Entries = append(l.Entries, e)
	return e, true, nil
}

// PointsBalance implements linli.PointsService.
func (l *Ledger) PointsBalance(resident string) (linli.PointsBalance, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.init()
	if b := l.balances[resident]; b != nil {
		return *b, nil
	}
	return linli.PointsBalance{Resident: resident}, nil
}

// PointsHistory implements linli.PointsService.
func (l *Ledger) PointsHistory(resident string, offset, limit int) ([]linli.PointsEntry, int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	var mine []linli.PointsEntry
	for i := len(l.Entries) - 1; i >= 0; i-- {
		if l.Entries[i].Resident == resident {
			mine = append(mine, l.Entries[i])
		}
	}
	total := len(mine)
	mine = mine[min(offset, total):]
	if limit > 0 && len(mine) > limit {
		mine = mine[:limit]
	}
	return mine, total, nil
}

// HasPointsSource implements linli.PointsService.
func (l *Ledger) HasPointsSource(source string) (bool, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return slices.ContainsFunc(l.Entries, func(e linli.PointsEntry) bool { return e.Source == source }), nil
}

// EachPointsEntry implements linli.PointsService.
func (l *Ledger) EachPointsEntry(fn func(e *linli.PointsEntry) error) error {
	l.mu.Lock()
	entries := slices.Clone(l.Entries)
	l.mu.Unlock()
	for i := range entries {
		if err := fn(&entries[i]); err != nil {
			return err
		}
	}
	return nil
}

// MonthPoints implements linli.PointsService.
func (l *Ledger) MonthPoints(month string) ([]linli.MonthPoints, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	var out []linli.MonthPoints
	for _, mp := range l.months {
		if mp.Month == month {
			out = append(out, *mp)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Resident < out[j].Resident })
	return out, nil
}

// SetRankingOptOut implements linli.PointsService.
func (l *Ledger) SetRankingOptOut(resident string, out bool) error {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.init()
	b := l.balances[resident]
	if b == nil {
		b = &linli.PointsBalance{Resident: resident}
		l.balances[resident] = b
	}
	b.OptOut = out
	return nil
}

// Balances implements linli.PointsService.
func (l *Ledger) Balances() ([]linli.PointsBalance, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	var out []linli.PointsBalance
	for _, b := range l.balances {
		out = append(out, *b)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Resident < out[j].Resident })
	return out, nil
}

// Feedback is an in-memory linli.FeedbackStore. Safe for concurrent use.
type Feedback struct {
	mu        sync.Mutex
	Volunteer []linli.VolunteerRecord
	Ratings   []linli.ActivityRating
}

func (f *Feedback) find(activityID uint64, resident string) int {
	return slices.IndexFunc(f.Volunteer, func(r linli.VolunteerRecord) bool {
		return r.ActivityID == activityID && r.Resident == resident
	})
}

// CheckOut implements linli.FeedbackStore.
func (f *Feedback) CheckOut(activityID uint64, resident string, at time.Time) (linli.VolunteerRecord, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	i := f.find(activityID, resident)
	if i < 0 {
		f.Volunteer = append(f.Volunteer, linli.VolunteerRecord{ActivityID: activityID, Resident: resident})
		i = len(f.Volunteer) - 1
	}
	r := &f.Volunteer[i]
	if r.Settled || !r.CheckedOut.IsZero() {
		return *r, linli.Errorf(linli.EConflict, "已经签退过了。")
	}
	r.CheckedOut = at
	return *r, nil
}

// SettleVolunteer implements linli.FeedbackStore.
func (f *Feedback) SettleVolunteer(rec linli.VolunteerRecord) (linli.VolunteerRecord, bool, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	i := f.find(rec.ActivityID, rec.Resident)
	if i >= 0 && f.Volunteer[i].Settled {
		return f.Volunteer[i], false, nil
	}
	rec.Settled = true
	if i >= 0 {
		if out := f.Volunteer[i].CheckedOut; !out.IsZero() {
			rec.CheckedOut = out
		}
		f.Volunteer[i] = rec
	} else {
		f.Volunteer = append(f.Volunteer, rec)
	}
	return rec, true, nil
}

// VolunteerRecords implements linli.FeedbackStore.
func (f *Feedback) VolunteerRecords(resident string) ([]linli.VolunteerRecord, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	var out []linli.VolunteerRecord
	for _, r := range f.Volunteer {
		if resident == "" || r.Resident == resident {
			out = append(out, r)
		}
	}
	return out, nil
}

// RateActivity implements linli.FeedbackStore.
func (f *Feedback) RateActivity(r linli.ActivityRating) (*linli.ActivityRating, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	for i, old := range f.Ratings {
		if old.ActivityID == r.ActivityID && old.Resident == r.Resident {
			f.Ratings[i] = r
			return &old, nil
		}
	}
	f.Ratings = append(f.Ratings, r)
	return nil, nil
}

// ActivityRatings implements linli.FeedbackStore.
func (f *Feedback) ActivityRatings(activityID uint64) ([]linli.ActivityRating, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	var out []linli.ActivityRating
	for _, r := range f.Ratings {
		if r.ActivityID == activityID {
			out = append(out, r)
		}
	}
	return out, nil
}
