package scheduler

import (
	"strings"
	"time"

	"github.com/robfig/cron/v3"

	"linli"
	"linli/textnorm"
)

// MinInterval is the shortest interval accepted in an "@every" spec: linli's
// schedules have minute granularity, like the 5-field cron specs.
const MinInterval = time.Minute

// specExample is the example every spec error ends with.
const specExample = "例如 0 8 * * 1 表示每周一8点"

// neverRef is the reference time used to detect specs that never fire
// (such as "0 0 30 2 *"); such specs are impossible whatever the date.
var neverRef = time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)

// Spec is a parsed recurring schedule bound to a time zone. It is immutable
// and safe for concurrent use.
type Spec struct {
	text  string
	sched cron.Schedule
	loc   *time.Location
}

// Parse parses a schedule spec: a cron spec read with robfig/cron/v3's
// standard parser — five fields (minute hour day-of-month month
// day-of-week) or a descriptor (@yearly, @monthly, @weekly, @daily,
// @hourly, @every <duration> of at least MinInterval) — optionally preceded
// by "CRON_TZ=<zone> " or "TZ=<zone> ", or a monthly rule "nth N W HH:MM"
// (see parseNth) that cron cannot express. Full-width characters and extra
// spaces are normalised first. The spec is evaluated in loc (UTC when nil)
// unless it names its own zone.
//
// Errors are EInvalid *linli.Error values whose Message, in Chinese, quotes
// the spec and gives an example; they may be shown to users as is. A spec
// that never fires (such as "0 0 30 2 *") is one of them.
func Parse(spec string, loc *time.Location) (*Spec, error) {
	s, err := parse(spec, loc)
	if err != nil {
		return nil, err
	}
	if s.Next(neverRef).IsZero() {
		return nil, linli.Errorf(linli.EInvalid,
			"重复规则“%s”永远不会触发（日期不存在），%s。", spec, specExample)
	}
	return s, nil
}

// parse is Parse without the check that the spec ever fires.
func parse(spec string, loc *time.Location) (s *Spec, err error) {
	text := normalizeSpec(spec)
	if loc == nil {
		loc = time.UTC
	}
	if n, ok, err := parseNth(text); ok {
		if err != nil {
			return nil, badSpec(spec)
		}
		return &Spec{text: text, sched: n, loc: loc}, nil
	}
	body := text
	if zone, rest, ok := cutZone(body); ok {
		if zone == "" || rest == "" {
			return nil, badSpec(spec)
		}
		z, zerr := time.LoadLocation(zone)
		if zerr != nil {
			return nil, linli.Errorf(linli.EInvalid,
				"重复规则“%s”里的时区 %s 无法识别，例如 CRON_TZ=Asia/Shanghai 0 8 * * 1 表示北京时间每周一8点。", spec, zone)
		}
		loc, body = z, rest
		if _, _, again := cutZone(body); again {
			return nil, badSpec(spec)
		}
	}
	if body == "" {
		return nil, badSpec(spec)
	}
	defer func() { // robfig/cron has panicked on odd input before; never let a user crash us
		if r := recover(); r != nil {
			s, err = nil, badSpec(spec)
		}
	}()
	sched, perr := cron.ParseStandard(body)
	if perr != nil {
		return nil, badSpec(spec)
	}
	switch c := sched.(type) {
	case *cron.SpecSchedule:
		cp := *c
		cp.Location = loc
		sched = &cp
	case cron.ConstantDelaySchedule:
		if c.Delay < MinInterval {
			return nil, linli.Errorf(linli.EInvalid,
				"重复规则“%s”间隔太短，至少 1 分钟，%s。", spec, specExample)
		}
	}
	return &Spec{text: text, sched: sched, loc: loc}, nil
}

// Validate reports whether spec is a valid cron spec (see Parse), returning
// an EInvalid *linli.Error with a user-facing message when it is not.
func Validate(spec string) error {
	_, err := Parse(spec, time.UTC)
	return err
}

// NextAfter returns the first occurrence of spec strictly after t, evaluating
// the spec in t's location unless it names its own zone. It returns an
// EInvalid *linli.Error for a bad spec.
func NextAfter(spec string, t time.Time) (time.Time, error) {
	s, err := Parse(spec, t.Location())
	if err != nil {
		return time.Time{}, err
	}
	return s.Next(t), nil
}

// Next implements linli.Calendar: the first occurrence of spec strictly
// after after, in after's location unless the spec names its own zone, or
// the zero time when the spec never fires. A spec that does not parse is an
// EInvalid *linli.Error. It reads no state of the scheduler.
func (s *Scheduler) Next(spec string, after time.Time) (time.Time, error) {
	sp, err := parse(spec, after.Location())
	if err != nil {
		return time.Time{}, err
	}
	return sp.Next(after), nil
}

// Next returns the first occurrence strictly after t, in the spec's zone, or
// the zero time if there is none within five years.
func (s *Spec) Next(t time.Time) time.Time {
	return s.sched.Next(t.In(s.loc))
}

// String returns the normalised spec text, which is what Schedule stores.
func (s *Spec) String() string { return s.text }

// Location returns the zone the spec is evaluated in.
func (s *Spec) Location() *time.Location { return s.loc }

// cutZone splits a leading "CRON_TZ=zone " or "TZ=zone " from spec.
func cutZone(spec string) (zone, rest string, ok bool) {
	for _, p := range []string{"CRON_TZ=", "TZ="} {
		if after, found := strings.CutPrefix(spec, p); found {
			zone, rest, _ = strings.Cut(after, " ")
			return zone, strings.TrimSpace(rest), true
		}
	}
	return "", "", false
}

// normalizeSpec maps full-width ASCII (as typed with a Chinese input method)
// to ASCII and collapses runs of white space.
func normalizeSpec(spec string) string {
	return strings.Join(strings.Fields(textnorm.FoldWidth(spec)), " ")
}

func badSpec(spec string) error {
	return linli.Errorf(linli.EInvalid,
		"重复规则“%s”无法识别：应为5段（分 时 日 月 周）或 @daily 等写法，%s。", spec, specExample)
}
