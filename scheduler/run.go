package scheduler

import (
	"cmp"
	"container/heap"
	"fmt"
	"runtime/debug"
	"time"

	"linli"
)

const (
	// MaxCatchUp is how many occurrences of one recurring job a single RunDue
	// fires at most; past that, the job skips forward to its first occurrence
	// after now and an error is logged.
	MaxCatchUp = 1000
	// lateAfter is how late an occurrence may fire before a warning is logged.
	lateAfter = time.Minute
	// storeRetry is how long NextDue holds back after a store failure, so that
	// a driver does not spin on a broken store.
	storeRetry = time.Minute
)

// NextDue reports the earliest next occurrence among jobs that can fire
// (those whose kind has a handler and whose spec parses), and false when
// there is none. After a store failure it reports nothing earlier than a
// minute after the failure, so that a driver does not spin.
func (s *Scheduler) NextDue() (time.Time, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if err := s.ensureLoaded(); err != nil {
		s.log.Error("读取定时任务失败", "err", err)
		return s.clock.Now().Add(storeRetry), true
	}
	var due time.Time
	found := false
	for _, e := range s.jobs {
		if e.bad != nil || s.handlers[e.job.Kind] == nil {
			continue
		}
		if !found || e.job.Next.Before(due) {
			due, found = e.job.Next, true
		}
	}
	if found && due.Before(s.backoff) {
		due = s.backoff
	}
	return due, found
}

// RunDue fires every occurrence due at or before now, in time order (ties by
// job ID), including every occurrence missed while the process was down (see
// MaxCatchUp). Each occurrence is marked done in the store after its JobFunc
// returns. JobFunc errors and panics are logged, not returned. RunDue returns
// an error only when the store fails; the occurrence being completed then
// fires again on a later call. A call made while another RunDue is in
// progress (from a JobFunc or another goroutine) returns nil at once.
func (s *Scheduler) RunDue(now time.Time) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.run != nil {
		return nil
	}
	if err := s.ensureLoaded(); err != nil {
		s.backoff = now.Add(storeRetry)
		return err
	}
	run := &runState{now: now, fired: make(map[uint64]int)}
	for _, e := range s.jobs {
		if run.due(e) {
			run.queue = append(run.queue, itemOf(e))
		}
	}
	heap.Init(&run.queue)
	s.run = run
	defer func() { s.run = nil }()

	for run.queue.Len() > 0 {
		it := heap.Pop(&run.queue).(item)
		e := s.jobs[it.id]
		if e == nil || e.rev != it.rev {
			continue // cancelled or changed since it was queued
		}
		fn := s.handlers[e.job.Kind]
		if fn == nil {
			s.warnOnce(e, "no handler for job kind; leaving it due")
			continue
		}
		if run.fired[it.id] >= MaxCatchUp && e.spec == nil {
			s.warnOnce(e, "job rescheduled itself too often in one run; leaving it due")
			continue
		}
		job, occ := cloneJob(e.job), e.job.Next
		if late := now.Sub(occ); late > lateAfter {
			s.log.Warn("job fired late", "job", job.ID, "kind", job.Kind,
				"occurrence", occ, "late", late)
		}

		s.mu.Unlock()
		err := call(fn, job, occ)
		s.mu.Lock()

		run.fired[it.id]++
		if err != nil {
			s.log.Error("定时任务失败", "job", job.ID, "kind", job.Kind,
				"occurrence", occ, "err", err)
		}
		if err := s.complete(it, occ); err != nil {
			s.backoff = now.Add(storeRetry)
			return err
		}
	}
	s.backoff = time.Time{}
	return nil
}

// complete marks the occurrence occ of the job queued as it done: a one-off
// job is deleted, a recurring job advances to its next occurrence after occ.
// A job cancelled or replaced while its JobFunc ran is left as the JobFunc
// left it. Callers hold s.mu.
func (s *Scheduler) complete(it item, occ time.Time) error {
	e := s.jobs[it.id]
	if e == nil || e.rev != it.rev {
		return nil
	}
	if e.spec == nil {
		return s.delete(it.id)
	}
	now := s.run.now
	next := e.spec.Next(occ)
	if n := s.run.fired[it.id]; n >= MaxCatchUp && !next.IsZero() && !next.After(now) {
		resume := e.spec.Next(now)
		s.log.Error("定时任务错过太多次，跳到下一次",
			"job", it.id, "kind", e.job.Kind, "fired", n,
			"skipped_from", next, "resume_at", resume)
		next = resume
	}
	if next.IsZero() {
		s.log.Info("周期任务没有下一次了，已删除",
			"job", it.id, "kind", e.job.Kind, "spec", e.job.Spec)
		return s.delete(it.id)
	}
	j := e.job
	j.Next = next
	if err := s.store.PutJob(&j); err != nil {
		return fmt.Errorf("scheduler: advance job %d: %w", it.id, err)
	}
	s.insert(&entry{job: j, spec: e.spec})
	return nil
}

// warnOnce logs msg at Error level the first time it concerns job e.
func (s *Scheduler) warnOnce(e *entry, msg string) {
	if s.warned[e.job.ID] {
		return
	}
	s.warned[e.job.ID] = true
	s.log.Error(msg, "job", e.job.ID, "kind", e.job.Kind, "occurrence", e.job.Next)
}

// call runs fn, turning a panic into an error so that one bad job cannot
// take the driver down (and, after a restart, down again).
func call(fn linli.JobFunc, job linli.Job, occ time.Time) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("panic: %v\n%s", r, debug.Stack())
		}
	}()
	return fn(job, occ)
}

// runState is the work queue of one RunDue call.
type runState struct {
	now   time.Time
	queue queue
	fired map[uint64]int // occurrences fired per job in this run
}

// due reports whether e is due in this run and can fire.
func (r *runState) due(e *entry) bool {
	return e.bad == nil && !e.job.Next.After(r.now)
}

// itemOf returns the queue item for e's next occurrence.
func itemOf(e *entry) item {
	return item{at: e.job.Next, id: e.job.ID, rev: e.rev}
}

// push queues e if it is due and can fire; a job changed during the run is
// queued again under its new revision and its stale item is skipped when
// popped.
func (r *runState) push(e *entry) {
	if r.due(e) {
		heap.Push(&r.queue, itemOf(e))
	}
}

// item is one queued occurrence.
type item struct {
	at  time.Time
	id  uint64
	rev uint64
}

// queue is a min-heap of items by time, then job ID.
type queue []item

func (q queue) Len() int { return len(q) }
func (q queue) Less(i, j int) bool {
	return cmp.Or(q[i].at.Compare(q[j].at), cmp.Compare(q[i].id, q[j].id)) < 0
}
func (q queue) Swap(i, j int) { q[i], q[j] = q[j], q[i] }
func (q *queue) Push(x any)   { *q = append(*q, x.(item)) }
func (q *queue) Pop() any {
	old := *q
	it := old[len(old)-1]
	*q = old[:len(old)-1]
	return it
}
