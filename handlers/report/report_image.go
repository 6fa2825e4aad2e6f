package report

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"linli"
)

// reportImageHook takes an image (a message with no text): a grid worker's
// photo within 5 minutes of their 办结 joins the resolution (of the latest,
// saying so when there were several); a resident's photo joins their most
// recent report when it is open and no older than 30 minutes (another
// report of theirs since would be the most recent: reports by others in
// the chat do not matter), is forwarded to the worker and the sender told
// 已附到随手拍#N; any other image is held for 5 minutes for the sender's
// next 随手拍 (whose acknowledgement says it took them), and if none comes
// they are asked (once) what it shows — privately only: a photo in a group
// gets no answer unless a 随手拍 joins it. A worker's photo with nothing to
// join is held for their next 办结, and when sent privately they are told
// so once. Images that join nothing are deleted by the photo sweep
// ([photos] keep after, report_sweep.go).
func (h *Family) reportImageHook(ctx context.Context, req *linli.Request) (bool, error) {
	m := req.Msg
	if m.Image == nil || m.Norm != "" || h.Reports == nil {
		return false, nil
	}
	now := req.Now
	if m.Role >= linli.RoleGridWorker { // only they resolve reports
		list, err := h.Reports.ResolvedBy(m.Sender, now.Add(-reportImageWindow))
		list = slices.DeleteFunc(list, func(r *linli.Report) bool { return r.DuplicateOf != 0 })
		if err != nil {
			return true, err
		}
		if len(list) > 0 {
			latest := list[0]
			var ids []string
			for _, x := range list {
				ids = append(ids, fmt.Sprintf("#%d", x.ID))
				if !x.ResolvedAt.Before(latest.ResolvedAt) {
					latest = x
				}
			}
			note := ""
			if len(list) > 1 {
				note = fmt.Sprintf(textReportResolPhotoLatest, strings.Join(ids, "、"), latest.ID)
			}
			return true, h.addResolutionPhoto(req, latest, note)
		}
	}
	if m.Role != linli.RoleResident { // a worker's photo waits for their 办结, unasked
		name, err := h.saveImage(m.Image)
		if err != nil || name == "" {
			return true, err
		}
		first := false
		_, err = h.Reports.UpdatePendingImages(m.Sender, func(p *linli.PendingImages) error {
			p.SetAside(now)
			first = len(p.Files) == 0
			p.Files = append(p.Files, name)
			p.Group, p.Until = m.Group, now.Add(reportImageWindow)
			return nil
		})
		if err != nil {
			return true, err
		}
		if err := h.sweepBy(now.Add(reportImageWindow + h.keepPhotos())); err != nil {
			return true, err
		}
		if !first || m.Group != "" { // photos shared among staff in a group: no answer
			return true, nil
		}
		return true, h.Out.Send(linli.Outgoing{To: linli.Chat{User: m.Sender}, Text: textReportWorkerPhotoHeld, Private: true})
	}
	if m.Group == h.Config.StaffGroup && m.Group != "" {
		return false, nil // photos among staff are not reports
	}
	recent, err := h.Reports.RecentReports(now.Add(-reportPhotoLate))
	if err != nil {
		return true, err
	}
	// The sender's most recent report of the last 30 minutes, if still open.
	var r *linli.Report
	for _, x := range recent {
		if x.Reporter == m.Sender {
			r = x
		}
	}
	if r != nil && !r.Open() {
		r = nil
	}
	name, err := h.saveImage(m.Image)
	if err != nil || name == "" {
		return true, err
	}
	if r != nil {
		return true, h.addReportImage(r, name, now)
	}
	return true, h.holdImage(m, name, now)
}

// saveImage stores the image's bytes and returns the file name; "" (and no
// error) for an image too large or unreadable to keep.
func (h *Family) saveImage(img *linli.Media) (string, error) {
	data := img.Data
	if data == nil && img.Path != "" {
		var err error
		if data, err = os.ReadFile(img.Path); err != nil {
			h.Logger.Warn("image unreadable", "path", img.Path, "err", err)
			return "", nil
		}
	}
	if len(data) == 0 || len(data) > reportMaxImageLen {
		h.Logger.Warn("image not kept", "name", img.Name, "bytes", len(data))
		return "", nil
	}
	return h.Reports.SaveMedia(data, imageExt(img.Name, data))
}

// imageExt picks a file extension from the name, else from the bytes.
func imageExt(name string, data []byte) string {
	if ext := strings.ToLower(filepath.Ext(name)); ext != "" {
		return ext
	}
	switch http.DetectContentType(data) {
	case "image/png":
		return ".png"
	case "image/gif":
		return ".gif"
	case "image/webp":
		return ".webp"
	}
	return ".jpg"
}

// addReportImage attaches an image sent just after a 随手拍 and forwards it
// to the worker.
func (h *Family) addReportImage(r *linli.Report, name string, now time.Time) error {
	r, _, err := h.Reports.UpdateReport(r.ID, func(r *linli.Report, _ []*linli.Report) error {
		r.Images = append(r.Images, name)
		r.Log(now, r.Reporter, "image", "")
		return nil
	})
	if err != nil {
		return err
	}
	if err := h.teller().Person(r.Assignee, fmt.Sprintf(textReportImageForward, r.ID), h.reportMedia(r.ID, "", len(r.Images), name), ""); err != nil {
		return err
	}
	return h.teller().Person(r.Reporter, fmt.Sprintf(textReportImageAdded, r.ID), nil, "")
}

// addResolutionPhoto attaches a worker's photo to the resolution and
// forwards it to the reporter and to the reporters of its duplicates.
func (h *Family) addResolutionPhoto(req *linli.Request, r *linli.Report, note string) error {
	name, err := h.saveImage(req.Msg.Image)
	if err != nil || name == "" {
		return err
	}
	r, dups, err := h.Reports.UpdateReport(r.ID, func(r *linli.Report, dups []*linli.Report) error {
		r.ResolImages = append(r.ResolImages, name)
		r.Log(req.Now, req.Msg.Sender, "resolution_image", "")
		for _, d := range dups {
			if d.Status == linli.ReportResolved && d.ResolvedAt.Equal(r.ResolvedAt) {
				d.ResolImages = append(d.ResolImages, name)
			}
		}
		return nil
	})
	if err != nil {
		return err
	}
	for _, x := range append([]*linli.Report{r}, dups...) {
		if x.Status != linli.ReportResolved || !x.ResolvedAt.Equal(r.ResolvedAt) {
			continue
		}
		media := h.reportMedia(x.ID, "办结", len(x.ResolImages), name)
		if err := h.teller().Person(x.Reporter, fmt.Sprintf(textReportResolPhotoForward, x.ID), media, ""); err != nil {
			return err
		}
	}
	return req.Reply(fmt.Sprintf(textReportResolPhotoAdded, r.ID) + note)
}

// reportMedia is a stored image as an outgoing attachment named
// "上报3-1.png" for workers (or, with label 办结, "随手拍3-办结1.png", for
// residents); nil (logged) when the file is gone.
func (h *Family) reportMedia(id uint64, label string, n int, name string) *linli.Media {
	path, err := h.Reports.MediaPath(name)
	if err != nil {
		h.Logger.Warn("report image missing", "report", id, "file", name, "err", err)
		return nil
	}
	prefix := "上报"
	if label != "" {
		prefix = "随手拍"
	}
	return &linli.Media{Name: fmt.Sprintf("%s%d-%s%d%s", prefix, id, label, n, filepath.Ext(name)), Kind: linli.MediaImage, Path: path}
}

// alertWorker sends the assignee the report and its images.
func (h *Family) alertWorker(r *linli.Report, header string) error {
	if err := h.teller().Person(r.Assignee, textReportAlert(header, r, h.Config.Location), nil, ""); err != nil {
		return err
	}
	for i, name := range r.Images {
		if media := h.reportMedia(r.ID, "", i+1, name); media != nil && r.Assignee != "" {
			if err := h.teller().Person(r.Assignee, "", media, ""); err != nil {
				return err
			}
		}
	}
	return nil
}

// askPayload is the payload of a report.ask_image job.
type askPayload struct {
	Sender string `json:"sender"`
}

func askKey(sender string) string { return fmt.Sprintf(reportAskKey, sender) }

// holdImage keeps an image for the sender's next 随手拍 and (re)schedules
// the question about it for 5 minutes after the last image.
func (h *Family) holdImage(m *linli.Message, name string, now time.Time) error {
	_, err := h.Reports.UpdatePendingImages(m.Sender, func(p *linli.PendingImages) error {
		p.SetAside(now)
		p.Files = append(p.Files, name)
		p.Group, p.Until = m.Group, now.Add(reportImageWindow)
		return nil
	})
	if err != nil {
		return err
	}
	if err := h.sweepBy(now.Add(reportImageWindow + h.keepPhotos())); err != nil {
		return err
	}
	payload, _ := json.Marshal(askPayload{Sender: m.Sender})
	_, err = h.Scheduler.Schedule(linli.Job{Key: askKey(m.Sender), Kind: reportAskJobKind,
		At: now.Add(reportImageWindow), Payload: payload, Note: "询问图片的说明"})
	return err
}

// runAskImage asks a resident what their lone images show, once per burst
// of images sent privately (never about images in a group); the images
// then stay ready for a 随手拍 a while longer, in a group too.
func (h *Family) runAskImage(job linli.Job, occ time.Time) error {
	var p askPayload
	if err := json.Unmarshal(job.Payload, &p); err != nil {
		return fmt.Errorf("ask image job %d: payload: %w", job.ID, err)
	}
	ask := false
	pend, err := h.Reports.UpdatePendingImages(p.Sender, func(pi *linli.PendingImages) error {
		switch {
		case pi.AskedAt.Equal(occ): // a re-run after a crash: ask (the outbox drops a repeat)
			ask = true
		case len(pi.Files) == 0 || occ.Before(pi.Until):
		case pi.Group != "":
			// A photo in a group is answered only when a 随手拍 joins it
			// (people share pictures of their grandchildren there): no
			// question, but the images wait as long as if one had been asked.
			pi.Until = occ.Add(reportAskGrace)
		default:
			ask = true
			pi.AskedAt, pi.Until = occ, occ.Add(reportAskGrace)
		}
		return nil
	})
	if err != nil || !ask || h.Config.RoleOf(p.Sender) != linli.RoleResident {
		return err
	}
	return h.teller().Person(p.Sender, textReportAskImage(len(pend.Files)), nil, linli.JobKey(job, occ, "ask"))
}

// pendingPhotos returns the photos sender sent in the last 5 minutes and
// not yet used (a worker's photo taken before 办结).
func (h *Family) pendingPhotos(sender string, now time.Time) ([]string, error) {
	p, err := h.Reports.UpdatePendingImages(sender, func(*linli.PendingImages) error { return nil })
	if err != nil || now.After(p.Until) {
		return nil, err
	}
	return p.Files, nil
}

// usePendingPhotos forgets sender's pending photos once they are attached.
func (h *Family) usePendingPhotos(sender string) error {
	_, err := h.Reports.UpdatePendingImages(sender, func(p *linli.PendingImages) error {
		p.Files = nil
		return nil
	})
	return err
}
