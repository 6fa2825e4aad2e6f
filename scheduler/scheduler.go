package scheduler

import (
	"bytes"
	"cmp"
	"fmt"
	"log/slog"
	"slices"
	"strings"
	"sync"
	"time"

	"linli"
)

// Compile-time checks.
var (
	_ linli.Scheduler = (*Scheduler)(nil)
	_ linli.Timed     = (*Scheduler)(nil)
)

// Scheduler keeps persistent jobs in a linli.JobStore and fires them on the
// injected clock. It assumes it is the only writer of the store, and keeps an
// in-memory copy of all jobs. All methods are safe for concurrent use; see
// the package documentation for what a JobFunc may call.
type Scheduler struct {
	store linli.JobStore
	clock linli.Clock
	loc   *time.Location
	log   *slog.Logger

	mu       sync.Mutex
	handlers map[string]linli.JobFunc
	loaded   bool
	jobs     map[uint64]*entry
	byKey    map[string]uint64
	rev      uint64          // last revision handed out to an entry
	warned   map[uint64]bool // jobs whose missing handler or bad spec was logged
	run      *runState       // non-nil while RunDue is in progress
	backoff  time.Time       // NextDue reports nothing earlier after a store failure
}

// entry is the cached state of one job. Entries are replaced, never mutated,
// and each carries a fresh revision so that RunDue can tell whether a job
// changed while its JobFunc ran.
type entry struct {
	job  linli.Job
	spec *Spec // nil for a one-off job
	bad  error // the stored spec no longer parses; the job never fires
	rev  uint64
}

// New returns a Scheduler on store, reading time from clock and evaluating
// cron specs in loc (UTC when nil). log may be nil (slog.Default). Jobs are
// loaded from the store now; if that fails, the failure is logged and the
// load is retried on first use.
func New(store linli.JobStore, clock linli.Clock, loc *time.Location, log *slog.Logger) *Scheduler {
	if loc == nil {
		loc = time.UTC
	}
	if log == nil {
		log = slog.Default()
	}
	s := &Scheduler{
		store:    store,
		clock:    clock,
		loc:      loc,
		log:      log.With("component", "scheduler"),
		handlers: make(map[string]linli.JobFunc),
		warned:   make(map[uint64]bool),
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if err := s.ensureLoaded(); err != nil {
		s.log.Warn("读取定时任务失败，稍后重试", "err", err)
	}
	return s
}

// Handle registers fn for jobs of the given kind, replacing any earlier
// registration; a nil fn removes it.
func (s *Scheduler) Handle(kind string, fn linli.JobFunc) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if fn == nil {
		delete(s.handlers, kind)
		return
	}
	s.handlers[kind] = fn
}

// Schedule validates j, computes its next occurrence and stores it, returning
// the stored job with its ID. A one-off job has At set and Spec empty; a
// recurring job has Spec set (see Parse) and At zero. A job with the Key of a
// stored job replaces it, keeping its ID; a non-zero ID must name a stored
// job, which is replaced. Created is set to now.
//
// It returns an EInvalid *linli.Error for a missing kind, a bad spec or a
// one-off time in the past, ENotFound for an unknown ID, EConflict when ID and
// Key name different jobs, and a wrapped store error otherwise.
func (s *Scheduler) Schedule(j linli.Job) (linli.Job, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if err := s.ensureLoaded(); err != nil {
		return linli.Job{}, err
	}
	e, err := s.prepare(j, s.clock.Now())
	if err != nil {
		return linli.Job{}, err
	}
	if err := s.store.PutJob(&e.job); err != nil {
		return linli.Job{}, fmt.Errorf("scheduler: store job %q: %w", e.job.Kind, err)
	}
	s.insert(e)
	return cloneJob(e.job), nil
}

// prepare validates j and builds its entry.
func (s *Scheduler) prepare(j linli.Job, now time.Time) (*entry, error) {
	j.Kind = strings.TrimSpace(j.Kind)
	if j.Kind == "" {
		return nil, linli.Errorf(linli.EInvalid, "定时任务缺少类型。")
	}
	if j.ID != 0 && s.jobs[j.ID] == nil {
		return nil, linli.Errorf(linli.ENotFound, "找不到定时任务 %d", j.ID)
	}
	if id, ok := s.byKey[j.Key]; ok && j.Key != "" {
		if j.ID != 0 && j.ID != id {
			return nil, linli.Errorf(linli.EConflict, "定时任务 %s 已存在（编号 %d）。", j.Key, id)
		}
		j.ID = id
	}
	j.Payload = bytes.Clone(j.Payload)
	j.Created = now
	e := &entry{}
	switch {
	case j.Spec != "" && !j.At.IsZero():
		return nil, linli.Errorf(linli.EInvalid, "定时任务只能指定一个时间或一个重复规则，不能同时指定。")
	case j.Spec != "":
		sp, err := Parse(j.Spec, s.loc)
		if err != nil {
			return nil, err
		}
		j.Spec = sp.String()
		j.Next = sp.Next(now)
		e.spec = sp
	case !j.At.IsZero():
		if j.At.Before(now) {
			return nil, linli.Errorf(linli.EInvalid, "时间 %s 已经过去了，请指定一个将来的时间。",
				j.At.In(s.loc).Format("2006-01-02 15:04"))
		}
		j.Next = j.At
	default:
		return nil, linli.Errorf(linli.EInvalid, "定时任务需要一个时间或一个重复规则（例如 0 8 * * 1 表示每周一8点）。")
	}
	e.job = j
	return e, nil
}

// Cancel removes the job with the given key. A missing job (or an empty key)
// is not an error; a store failure is.
func (s *Scheduler) Cancel(key string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if err := s.ensureLoaded(); err != nil {
		return err
	}
	id, ok := s.byKey[key]
	if key == "" || !ok {
		return nil
	}
	return s.delete(id)
}

// CancelID removes the job with the given id and returns it. It returns an
// ENotFound *linli.Error when there is no such job.
func (s *Scheduler) CancelID(id uint64) (linli.Job, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if err := s.ensureLoaded(); err != nil {
		return linli.Job{}, err
	}
	e := s.jobs[id]
	if e == nil {
		return linli.Job{}, linli.Errorf(linli.ENotFound, "找不到定时任务 %d", id)
	}
	if err := s.delete(id); err != nil {
		return linli.Job{}, err
	}
	return cloneJob(e.job), nil
}

// Jobs lists the stored jobs, of one kind when kind is not "", ordered by
// next occurrence and then ID. Jobs that cannot fire (no handler, bad spec)
// are included.
func (s *Scheduler) Jobs(kind string) ([]linli.Job, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if err := s.ensureLoaded(); err != nil {
		return nil, err
	}
	out := make([]linli.Job, 0, len(s.jobs))
	for _, e := range s.jobs {
		if kind == "" || e.job.Kind == kind {
			out = append(out, cloneJob(e.job))
		}
	}
	slices.SortFunc(out, func(a, b linli.Job) int {
		return cmp.Or(a.Next.Compare(b.Next), cmp.Compare(a.ID, b.ID))
	})
	return out, nil
}

// ensureLoaded fills the cache from the store once. Callers hold s.mu.
func (s *Scheduler) ensureLoaded() error {
	if s.loaded {
		return nil
	}
	list, err := s.store.Jobs()
	if err != nil {
		return fmt.Errorf("scheduler: load jobs: %w", err)
	}
	s.jobs = make(map[uint64]*entry, len(list))
	s.byKey = make(map[string]uint64)
	now := s.clock.Now()
	for _, j := range list {
		e := &entry{job: j}
		if j.Spec != "" {
			sp, err := Parse(j.Spec, s.loc)
			if err != nil {
				e.bad = err
				s.log.Error("保存的定时任务时间格式有误，不会执行",
					"job", j.ID, "kind", j.Kind, "spec", j.Spec, "err", err)
			} else {
				e.spec = sp
				if e.job.Next.IsZero() {
					e.job.Next = sp.Next(now)
				}
			}
		} else if e.job.Next.IsZero() {
			e.job.Next = j.At
		}
		s.insert(e)
	}
	s.loaded = true
	return nil
}

// insert caches e under a fresh revision, replacing any entry with the same
// ID or Key, and queues it when a run is in progress. Callers hold s.mu.
func (s *Scheduler) insert(e *entry) {
	if old, ok := s.byKey[e.job.Key]; ok && e.job.Key != "" && old != e.job.ID {
		s.remove(old)
	}
	if prev := s.jobs[e.job.ID]; prev != nil && prev.job.Key != e.job.Key {
		delete(s.byKey, prev.job.Key)
	}
	s.rev++
	e.rev = s.rev
	s.jobs[e.job.ID] = e
	if e.job.Key != "" {
		s.byKey[e.job.Key] = e.job.ID
	}
	if s.run != nil {
		s.run.push(e)
	}
}

// delete removes a job from the store and the cache. Callers hold s.mu.
func (s *Scheduler) delete(id uint64) error {
	if err := s.store.DeleteJob(id); err != nil {
		return fmt.Errorf("scheduler: delete job %d: %w", id, err)
	}
	s.remove(id)
	return nil
}

// remove drops a job from the cache. Callers hold s.mu.
func (s *Scheduler) remove(id uint64) {
	e := s.jobs[id]
	if e == nil {
		return
	}
	delete(s.jobs, id)
	if s.byKey[e.job.Key] == id {
		delete(s.byKey, e.job.Key)
	}
	delete(s.warned, id)
}

// cloneJob copies j so that callers cannot alter the cached payload.
func cloneJob(j linli.Job) linli.Job {
	j.Payload = bytes.Clone(j.Payload)
	return j
}
