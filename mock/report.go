package mock

import (
	"time"

	"linli"
)

var (
	_ linli.ReportService = (*ReportService)(nil)
	_ linli.MediaStore    = (*MediaStore)(nil)
)

// ReportService is a function-field fake of linli.ReportService.
type ReportService struct {
	SaveMediaFn           func(data []byte, ext string) (name string, err error)
	DeleteMediaFn         func(name string) error
	ExpirePendingImagesFn func(before time.Time) ([]string, time.Time, error)
	MediaPathFn           func(name string) (string, error)
	CreateReportFn        func(r *linli.Report, isDup func(open *linli.Report) bool) error
	CreateReportSinceFn   func(r *linli.Report, since time.Time, isDup func(open *linli.Report) bool) error
	ReportFn              func(id uint64) (*linli.Report, error)
	UpdateReportFn        func(id uint64, fn func(r *linli.Report, dups []*linli.Report) error) (*linli.Report, []*linli.Report, error)
	ReportsFn             func(match func(*linli.Report) bool) ([]*linli.Report, error)
	EachReportFn          func(fn func(r *linli.Report) error) error
	RecentReportsFn       func(since time.Time) ([]*linli.Report, error)
	OpenReportsFn         func() ([]*linli.Report, map[uint64]int, error)
	DuplicatesFn          func(id uint64) ([]*linli.Report, error)
	ReporterReportsFn     func(reporter string) ([]*linli.Report, error)
	ReportCountsFn        func(month string) (linli.ReportCounts, error)
	EachReportFactFn      func(from, to time.Time, fn func(f *linli.ReportFact)) error
	ResolvedByFn          func(resolver string, since time.Time) ([]*linli.Report, error)
	UpdatePendingImagesFn func(sender string, fn func(p *linli.PendingImages) error) (*linli.PendingImages, error)
	UpdateReportOffersFn  func(sender string, fn func(o *linli.ReportOffers) error) (*linli.ReportOffers, error)
}

// DeleteMedia calls DeleteMediaFn.
func (fake *ReportService) DeleteMedia(name string) error {
	if fake.DeleteMediaFn == nil {
		unset("ReportService.DeleteMedia")
	}
	return fake.DeleteMediaFn(name)
}

// ExpirePendingImages calls ExpirePendingImagesFn.
func (fake *ReportService) ExpirePendingImages(before time.Time) ([]string, time.Time, error) {
	if fake.ExpirePendingImagesFn == nil {
		unset("ReportService.ExpirePendingImages")
	}
	return fake.ExpirePendingImagesFn(before)
}

// SaveMedia calls SaveMediaFn.
func (fake *ReportService) SaveMedia(data []byte, ext string) (string, error) {
	if fake.SaveMediaFn == nil {
		unset("ReportService.SaveMedia")
	}
	return fake.SaveMediaFn(data, ext)
}

// MediaPath calls MediaPathFn.
func (fake *ReportService) MediaPath(name string) (string, error) {
	if fake.MediaPathFn == nil {
		unset("ReportService.MediaPath")
	}
	return fake.MediaPathFn(name)
}

// CreateReport calls CreateReportFn.
func (fake *ReportService) CreateReport(r *linli.Report, isDup func(open *linli.Report) bool) error {
	if fake.CreateReportFn == nil {
		unset("ReportService.CreateReport")
	}
	return fake.CreateReportFn(r, isDup)
}

// CreateReportSince calls CreateReportSinceFn; when that is nil, it calls
// CreateReport with an isDup that skips the originals created before
// since.
func (fake *ReportService) CreateReportSince(r *linli.Report, since time.Time, isDup func(open *linli.Report) bool) error {
	if fake.CreateReportSinceFn != nil {
		return fake.CreateReportSinceFn(r, since, isDup)
	}
	if isDup == nil {
		return fake.CreateReport(r, nil)
	}
	return fake.CreateReport(r, func(o *linli.Report) bool { return !o.CreatedAt.Before(since) && isDup(o) })
}

// Report calls ReportFn.
func (fake *ReportService) Report(id uint64) (*linli.Report, error) {
	if fake.ReportFn == nil {
		unset("ReportService.Report")
	}
	return fake.ReportFn(id)
}

// UpdateReport calls UpdateReportFn.
func (fake *ReportService) UpdateReport(id uint64, fn func(r *linli.Report, dups []*linli.Report) error) (*linli.Report, []*linli.Report, error) {
	if fake.UpdateReportFn == nil {
		unset("ReportService.UpdateReport")
	}
	return fake.UpdateReportFn(id, fn)
}

// Reports calls ReportsFn.
func (fake *ReportService) Reports(match func(*linli.Report) bool) ([]*linli.Report, error) {
	if fake.ReportsFn == nil {
		unset("ReportService.Reports")
	}
	return fake.ReportsFn(match)
}

// RecentReports calls RecentReportsFn.
func (fake *ReportService) RecentReports(since time.Time) ([]*linli.Report, error) {
	if fake.RecentReportsFn == nil {
		unset("ReportService.RecentReports")
	}
	return fake.RecentReportsFn(since)
}

// ReporterReports calls ReporterReportsFn; when that is nil, it asks
// ReportsFn for the reports of reporter.
func (fake *ReportService) ReporterReports(reporter string) ([]*linli.Report, error) {
	if fake.ReporterReportsFn != nil {
		return fake.ReporterReportsFn(reporter)
	}
	return fake.Reports(func(r *linli.Report) bool { return r.Reporter == reporter })
}

// ResolvedBy calls ResolvedByFn; when that is nil, it asks ReportsFn for
// the reports resolver resolved at or after since.
func (fake *ReportService) ResolvedBy(resolver string, since time.Time) ([]*linli.Report, error) {
	if fake.ResolvedByFn != nil {
		return fake.ResolvedByFn(resolver, since)
	}
	return fake.Reports(func(r *linli.Report) bool {
		return r.Status == linli.ReportResolved && r.ResolvedBy == resolver && !r.ResolvedAt.Before(since)
	})
}

// ReportCounts calls ReportCountsFn; when that is nil, it counts the
// reports ReportsFn returns (of month, by creation, unless "").
func (fake *ReportService) ReportCounts(month string) (linli.ReportCounts, error) {
	if fake.ReportCountsFn != nil {
		return fake.ReportCountsFn(month)
	}
	list, err := fake.Reports(func(r *linli.Report) bool { return month == "" || r.CreatedAt.Format("2006-01") == month })
	return linli.CountReports(list), err
}

// EachReportFact calls EachReportFactFn; when that is nil, it calls fn
// with the facts of the reports ReportsFn returns (created in [from, to),
// all when from is zero).
func (fake *ReportService) EachReportFact(from, to time.Time, fn func(f *linli.ReportFact)) error {
	if fake.EachReportFactFn != nil {
		return fake.EachReportFactFn(from, to, fn)
	}
	list, err := fake.Reports(func(r *linli.Report) bool {
		return from.IsZero() || !r.CreatedAt.Before(from) && r.CreatedAt.Before(to)
	})
	for _, r := range list {
		f := r.Fact()
		fn(&f)
	}
	return err
}

// OpenReports calls OpenReportsFn.
func (fake *ReportService) OpenReports() ([]*linli.Report, map[uint64]int, error) {
	if fake.OpenReportsFn == nil {
		unset("ReportService.OpenReports")
	}
	return fake.OpenReportsFn()
}

// Duplicates calls DuplicatesFn; without it, Reports filtered by
// DuplicateOf.
func (fake *ReportService) Duplicates(id uint64) ([]*linli.Report, error) {
	if fake.DuplicatesFn != nil {
		return fake.DuplicatesFn(id)
	}
	return fake.Reports(func(r *linli.Report) bool { return r.DuplicateOf == id })
}

// UpdatePendingImages calls UpdatePendingImagesFn.
func (fake *ReportService) UpdatePendingImages(sender string, fn func(p *linli.PendingImages) error) (*linli.PendingImages, error) {
	if fake.UpdatePendingImagesFn == nil {
		unset("ReportService.UpdatePendingImages")
	}
	return fake.UpdatePendingImagesFn(sender, fn)
}

// UpdateReportOffers calls UpdateReportOffersFn.
func (fake *ReportService) UpdateReportOffers(sender string, fn func(o *linli.ReportOffers) error) (*linli.ReportOffers, error) {
	if fake.UpdateReportOffersFn == nil {
		unset("ReportService.UpdateReportOffers")
	}
	return fake.UpdateReportOffersFn(sender, fn)
}

// MediaStore is a function-field fake of linli.MediaStore.
type MediaStore struct {
	SaveMediaFn   func(data []byte, ext string) (name string, err error)
	MediaPathFn   func(name string) (string, error)
	DeleteMediaFn func(name string) error
}

// DeleteMedia calls DeleteMediaFn.
func (fake *MediaStore) DeleteMedia(name string) error {
	if fake.DeleteMediaFn == nil {
		unset("MediaStore.DeleteMedia")
	}
	return fake.DeleteMediaFn(name)
}

// SaveMedia calls SaveMediaFn.
func (fake *MediaStore) SaveMedia(data []byte, ext string) (string, error) {
	if fake.SaveMediaFn == nil {
		unset("MediaStore.SaveMedia")
	}
	return fake.SaveMediaFn(data, ext)
}

// MediaPath calls MediaPathFn.
func (fake *MediaStore) MediaPath(name string) (string, error) {
	if fake.MediaPathFn == nil {
		unset("MediaStore.MediaPath")
	}
	return fake.MediaPathFn(name)
}

var _ linli.ReportPager = (*ReportPager)(nil)

// ReportPager is a function-field fake of linli.ReportPager.
type ReportPager struct {
	ReportPageFn func(q linli.ReportPageQuery) (linli.ReportPage, error)
}

// ReportPage calls ReportPageFn.
func (fake *ReportPager) ReportPage(q linli.ReportPageQuery) (linli.ReportPage, error) {
	if fake.ReportPageFn == nil {
		unset("ReportPager.ReportPage")
	}
	return fake.ReportPageFn(q)
}
