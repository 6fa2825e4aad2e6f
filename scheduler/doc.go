// Package scheduler runs linli's persistent jobs (reminders, scheduled
// notices, deadlines) on an injected clock. Recurring jobs use cron specs
// parsed with robfig/cron/v3's standard parser.
//
// The package is passive and synchronous: it starts no goroutines, reads no
// wall clock and sets no timers. A driver (the console's simulated clock or
// the real-time loop of `linli run`) asks NextDue and calls RunDue when that
// time comes, which makes every behaviour deterministic on a linli.SimClock.
//
// # Delivery guarantee
//
// An occurrence is marked done in the JobStore (a recurring job's Next
// advanced, a one-off job deleted) only after its JobFunc has returned. A
// crash between the two makes the occurrence fire again after restart, with
// the same job ID and occurrence time, so execution is at-least-once and the
// effect is exactly-once provided every JobFunc makes its sends idempotent
// with linli.JobKey(job, occurrence, part). The same holds when the store
// write itself fails: RunDue returns the error and the occurrence fires again
// on a later call.
//
// # Catching up
//
// A recurring job's Next advances to the spec's next time after the
// occurrence just fired, not after "now", so after downtime every missed
// occurrence fires exactly once, in order, interleaved with other jobs in
// global time order (ties broken by job ID). An occurrence fired more than a
// minute late is logged at Warn. A job that missed more than 1000
// occurrences fires the first 1000 in one RunDue, then an error is logged
// and it skips forward to its first occurrence after now.
//
// # Failures
//
// A JobFunc error (or panic, which is recovered) is logged with the job id,
// kind and occurrence, and the occurrence is still marked done: a poisoned
// job never blocks the queue and is never retried forever.
//
// A due job whose kind has no registered handler is left due and untouched
// (not advanced, not deleted), skipped without blocking other jobs, and
// logged once; NextDue ignores it, so the driver does not spin. A restart that
// registers the handler fires it then, including any missed occurrences.
// A stored job whose spec no longer parses is treated the same way.
//
// # Re-entrancy
//
// The scheduler's lock is released while a JobFunc runs, so a JobFunc may
// call Schedule, Cancel, CancelID, Jobs or NextDue. A job cancelled or
// replaced (same Key or ID) during its own run keeps whatever the JobFunc
// did: the advance step neither re-stores nor deletes it. RunDue itself is
// not re-entrant: a call made while another is in progress returns nil at
// once.
package scheduler
