package notice

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"linli"
	"linli/handlers/zhtime"
)

// runNotice sends one occurrence of a scheduled notice to its groups. Every
// send is keyed by job, occurrence and group, so a run repeated after a
// crash sends nothing twice.
func (h *Family) runNotice(job linli.Job, occ time.Time) error {
	p, err := noticePayload(job)
	if err != nil {
		return err
	}
	tell := func(text string) error {
		if p.Owner == "" {
			return nil
		}
		return h.Out.Send(linli.Outgoing{Key: linli.JobKey(job, occ, "owner"), To: linli.Chat{User: p.Owner}, Text: text})
	}
	if late := h.Clock.Now().Sub(occ); late > noticeStaleAfter {
		h.Logger.Warn("scheduled notice too late; skipped", "job", job.ID, "occurrence", occ, "late", late)
		return tell(textNoticeStale(job.Number, zhtime.Format(occ.In(h.Config.Location))))
	}
	groups, gone := h.Config.Groups, []string(nil)
	if len(p.Groups) > 0 {
		groups = nil
		for _, g := range p.Groups {
			if h.Config.Served(g) {
				groups = append(groups, g)
			} else {
				gone = append(gone, g)
			}
		}
	}
	var errs []error
	for _, g := range groups {
		out := linli.Outgoing{Key: linli.JobKey(job, occ, g), To: linli.Chat{Group: g}, Text: p.Text, Alone: true, Priority: linli.PriorityBroadcast, Verbatim: true}
		if err := h.Out.Send(out); err != nil {
			errs = append(errs, fmt.Errorf("group %s: %w", g, err))
		}
	}
	h.Logger.Info("定时通知已发出", "job", job.ID, "occurrence", occ, "groups", len(groups), "gone", len(gone))
	switch {
	case len(gone) > 0:
		errs = append(errs, tell(textNoticeGroupsGone(job.Number, gone)))
	case job.Spec == "":
		errs = append(errs, tell(textNoticeFired(job.Number, textTargets(len(p.Groups) == 0, groups))))
	}
	if err := errors.Join(errs...); err != nil {
		return fmt.Errorf("notice job %d: %w", job.ID, err)
	}
	return nil
}

// SyncConfigNotices brings the scheduler in line with the configuration at
// start-up: every enabled [[notices]] entry is scheduled under the key
// ConfigNoticeKey(name), the jobs of disabled or removed entries are
// cancelled, and the daily digest is scheduled (or cancelled) by [digest].
// A job already stored with the same schedule and content is left as it is,
// so occurrences missed while linli was down still fire. It returns an
// error naming the entry whose cron (or digest time) is invalid; the other
// entries are still synchronised.
func (h *Family) SyncConfigNotices() error {
	existing, err := h.Scheduler.Jobs("")
	if err != nil {
		return err
	}
	byKey := map[string]linli.Job{}
	for _, j := range existing {
		if j.Key != "" {
			byKey[j.Key] = j
		}
	}
	var errs []error
	want, seen := map[string]bool{}, map[string]bool{}
	for i, n := range h.Config.Notices {
		name := strings.TrimSpace(n.Name)
		if name == "" {
			name = fmt.Sprintf("第%d项", i+1)
		}
		key := linli.ConfigNoticeKey(name)
		if seen[key] {
			errs = append(errs, fmt.Errorf("配置 [[notices]] name = %q 重复", name))
			continue
		}
		seen[key] = true
		if !n.Enabled {
			continue
		}
		want[key] = true
		payload, _ := json.Marshal(linli.NoticePayload{Groups: n.Groups, Text: strings.TrimSpace(n.Text)})
		spec, err := h.recurringSpec(n.Cron)
		if err == nil {
			err = h.ensureJob(byKey, linli.Job{Key: key, Kind: linli.JobNotice, Spec: spec, Payload: payload, Note: "配置：" + name})
		}
		if err != nil {
			errs = append(errs, fmt.Errorf("配置 [[notices]] %q 的 cron = %q 无效: %s", name, n.Cron, errText(err)))
		}
	}
	for key := range byKey {
		if strings.HasPrefix(key, linli.ConfigNoticePrefix) && !want[key] {
			if err := h.Scheduler.Cancel(key); err != nil {
				errs = append(errs, err)
			}
		}
	}
	errs = append(errs, h.syncDigest(byKey))
	return errors.Join(errs...)
}

// recurringSpec turns a configured schedule into a cron spec: a 5-field
// spec or descriptor (which the scheduler validates), or Chinese such as
// 每月1日9点. Its error is in Chinese and says what is accepted.
func (h *Family) recurringSpec(s string) (string, error) {
	s = strings.TrimSpace(s)
	if spec, _, ok := h.times().ParseRecurring(s); ok {
		return spec, nil
	}
	if s == "" || strings.ContainsAny(s[:1], "0123456789*@") || strings.Contains(s, "TZ=") {
		return s, nil
	}
	_, _, err := h.times().ParseWhen(s, h.Clock.Now())
	if err != nil && (strings.HasPrefix(s, "每") || strings.HasPrefix(s, "工作日")) {
		return "", err // says why this recurring form cannot run
	}
	return "", errors.New(textConfigCron)
}

// ensureJob schedules j unless a job with its key, kind, spec and payload is
// stored already.
func (h *Family) ensureJob(byKey map[string]linli.Job, j linli.Job) error {
	if old, ok := byKey[j.Key]; ok && old.Kind == j.Kind && old.Note == j.Note &&
		old.Spec == strings.Join(strings.Fields(j.Spec), " ") && bytes.Equal(old.Payload, j.Payload) {
		return nil
	}
	_, err := h.Scheduler.Schedule(j)
	return err
}

// syncDigest schedules the daily digest job when [digest] is enabled and
// cancels it otherwise.
func (h *Family) syncDigest(byKey map[string]linli.Job) error {
	d := h.Config.Digest
	if !d.Enabled {
		if _, ok := byKey[linli.DigestJobKey]; ok {
			return h.Scheduler.Cancel(linli.DigestJobKey)
		}
		return nil
	}
	at := strings.TrimSpace(d.At)
	if at == "" {
		at = defaultDigestAt
	}
	spec, _, ok := h.times().ParseRecurring("每天" + at)
	if !ok {
		return fmt.Errorf("配置 [digest] at = %q 无效（例如 \"17:30\"）", d.At)
	}
	job := linli.Job{Key: linli.DigestJobKey, Kind: linli.JobDigest, Spec: spec, Note: "每日简报"}
	if err := h.ensureJob(byKey, job); err != nil {
		return fmt.Errorf("配置 [digest] at = %q 无效: %s", d.At, errText(err))
	}
	return nil
}

// errText is the message of err for a start-up error: a user error's
// Chinese text, or the error itself.
func errText(err error) string {
	if linli.ErrorCode(err) != linli.EInternal {
		return linli.ErrorMessage(err)
	}
	return err.Error()
}
