package notice

import (
	"context"
	"fmt"
	"strings"
	"time"

	"linli"
	"linli/handlers/zhtime"
)

// defaultDigestAt is when the daily digest goes out if [digest] at is unset.
const defaultDigestAt = "17:30"

// digestStaleAfter is how late a digest may still be sent after downtime;
// older ones are skipped, so a restart after days off sends one, not many.
const digestStaleAfter = 12 * time.Hour

// AddDigestSource adds a section to the daily digest, after those of
// Deps.Digest; sections appear in the order they were added. It is not
// safe to call once messages are being handled.
func (h *Family) AddDigestSource(s linli.DigestSource) {
	h.Digest = append(h.Digest, s)
}

func (h *Family) registerDigest(r linli.Router) {
	r.Command(linli.Command{
		Names: []string{"日报", "今日简报"}, Role: linli.RoleStaff, Args: linli.ArgsNone,
		Help: "日报 — 现在就看今日简报（私聊发给您）", Handler: h.digestNow,
	})
}

// digestNow handles 日报: the digest as of now, privately, even when empty.
func (h *Family) digestNow(ctx context.Context, req *linli.Request) error {
	text, ok := h.buildDigest(req.Now)
	if !ok {
		text = textDigestEmpty
	}
	return req.ReplyPrivate(text, nil)
}

// runDigest sends the daily digest to the staff group (or, without one, to
// each staff member privately). A day with nothing to say sends nothing.
func (h *Family) runDigest(job linli.Job, occ time.Time) error {
	if late := h.Clock.Now().Sub(occ); late > digestStaleAfter {
		h.Logger.Warn("日报已过时太久，跳过", "occurrence", occ, "late", late)
		return nil
	}
	text, ok := h.buildDigest(occ)
	if !ok {
		h.Logger.Info("日报：今天没有要报告的事", "occurrence", occ)
		return nil
	}
	if g := h.Config.StaffGroup; g != "" {
		return h.Out.Send(linli.Outgoing{Key: linli.JobKey(job, occ, "staff"), To: linli.Chat{Group: g}, Text: text})
	}
	for _, name := range h.Config.StaffNames() {
		out := linli.Outgoing{Key: linli.JobKey(job, occ, name), To: linli.Chat{User: name}, Text: text}
		if err := h.Out.Send(out); err != nil {
			return fmt.Errorf("daily digest to %s: %w", name, err)
		}
	}
	return nil
}

// buildDigest assembles the digest for now from the registered sources. It
// reports false when no section has anything to say.
func (h *Family) buildDigest(now time.Time) (string, bool) {
	now = now.In(h.Config.Location)
	var b strings.Builder
	n, failed := 0, false
	for i, s := range h.Digest {
		title, lines, err := digestSection(s, now)
		if err != nil {
			h.Logger.Error("日报的一部分生成失败", "source", i, "err", err)
			failed = true
			continue
		}
		var kept []string
		for _, l := range lines {
			if l = strings.TrimSpace(l); l != "" {
				kept = append(kept, l)
			}
		}
		if len(kept) == 0 {
			continue
		}
		b.WriteString("\n" + textDigestSection(n, title))
		for _, l := range kept {
			b.WriteString("\n· " + l)
		}
		n++
	}
	if n == 0 {
		return "", false
	}
	text := textDigestHeader(h.Config.Community, zhtime.Format(now)) + b.String()
	if failed {
		text += "\n" + textDigestPartial
	}
	return text, true
}

// digestSection calls one source, turning a panic into an error so that
// one broken section cannot cost the whole digest.
func digestSection(s linli.DigestSource, now time.Time) (title string, lines []string, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("panic: %v", r)
		}
	}()
	return s.DigestSection(now)
}
