package report

import (
	"time"

	"linli"
)

// The photo sweep: images that joined no 随手拍 (a lone photo, a worker's
// photo without 办结) are deleted [photos] keep (default 24 h) after they
// stopped being able to join one; images attached to a report stay with
// it. The sweep is a one-off job that exists only while images wait: it is
// scheduled when an image is held, and reschedules itself for the next
// image due.
const (
	reportSweepJobKind = "report.photo_sweep"
	reportSweepKey     = "report:photo_sweep"
)

// keepPhotos is how long an unattached image is kept.
func (h *Family) keepPhotos() time.Duration { return time.Duration(h.Config.Photos.Keep) }

// sweepBy makes sure the sweep runs at the latest at t.
func (h *Family) sweepBy(t time.Time) error {
	jobs, err := h.Scheduler.Jobs(reportSweepJobKind)
	if err != nil {
		return err
	}
	for _, j := range jobs {
		if j.Key == reportSweepKey && !j.Next.After(t) {
			return nil
		}
	}
	_, err = h.Scheduler.Schedule(linli.Job{Key: reportSweepKey, Kind: reportSweepJobKind, At: t, Note: "清理未用于随手拍的图片"})
	return err
}

// runPhotoSweep deletes the images held longer than [photos] keep without
// joining a report, and schedules itself for the next one.
func (h *Family) runPhotoSweep(_ linli.Job, occ time.Time) error {
	names, next, err := h.Reports.ExpirePendingImages(occ.Add(-h.keepPhotos()))
	if err != nil {
		return err
	}
	if len(names) > 0 {
		used := map[string]bool{}
		err = h.Reports.EachReport(func(r *linli.Report) error {
			for _, n := range r.Images {
				used[n] = true
			}
			for _, n := range r.ResolImages {
				used[n] = true
			}
			return nil
		})
		if err != nil {
			return err
		}
		deleted := 0
		for _, n := range names {
			if used[n] { // the same bytes were also sent with a report
				continue
			}
			if err := h.Reports.DeleteMedia(n); err != nil {
				return err
			}
			deleted++
		}
		h.Logger.Info("已删除未用于随手拍的图片", "count", deleted)
	}
	if next.IsZero() {
		return nil
	}
	_, err = h.Scheduler.Schedule(linli.Job{Key: reportSweepKey, Kind: reportSweepJobKind,
		At: later(next.Add(h.keepPhotos()), occ.Add(time.Minute)), Note: "清理未用于随手拍的图片"})
	return err
}

func later(a, b time.Time) time.Time {
	if a.After(b) {
		return a
	}
	return b
}
