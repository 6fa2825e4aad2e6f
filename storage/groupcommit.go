package storage

import (
	"sync"

	"go.etcd.io/bbolt"
)

// groupCommit runs write functions from concurrent callers in shared
// transactions: a caller that finds no transaction in progress runs its own
// at once (no batching delay for a lone sign-up, unlike bbolt's Batch), and
// the callers that arrive meanwhile are committed together in the next one,
// with one fsync. It is how 500 residents signing up at once are served
// without 500 fsyncs in a row. The zero value is ready to use.
//
// As with db.batch, a function may run more than once (when another function
// of its group fails, each is retried in a transaction of its own), so it
// must reset whatever it reports before writing it, and report only
// internal failures as errors: a function that returns an error rolls back
// everything written in its transaction.
type groupCommit struct {
	mu    sync.Mutex
	busy  bool
	queue []*groupOp
}

// groupOp is one caller's function and the answer it waits for.
type groupOp struct {
	fn   func(*bbolt.Tx) error
	err  error
	done chan bool // false: err is the result; true: lead the next group
}

// groupUpdate is update for many concurrent writers without batching
// delay: calls that arrive while a transaction is being committed share the
// next one (see groupCommit for what fn must allow).
func (db *DB) groupUpdate(fn func(*bbolt.Tx) error) error { return db.commits.do(db, fn) }

// do runs fn in a write transaction of db, possibly shared with concurrent
// callers, and returns fn's error or the commit's.
func (g *groupCommit) do(db *DB, fn func(*bbolt.Tx) error) error {
	op := &groupOp{fn: fn, done: make(chan bool, 1)}
	g.mu.Lock()
	g.queue = append(g.queue, op)
	lead := !g.busy
	g.busy = true
	g.mu.Unlock()
	if !lead && !<-op.done {
		return op.err
	}
	// Leading: commit everything queued so far (op included), then hand the
	// lead to the first caller that queued meanwhile.
	g.mu.Lock()
	batch := g.queue
	g.queue = nil
	g.mu.Unlock()
	commitGroup(db, batch)
	for _, o := range batch {
		if o != op {
			o.done <- false
		}
	}
	g.mu.Lock()
	if len(g.queue) > 0 {
		g.queue[0].done <- true
	} else {
		g.busy = false
	}
	g.mu.Unlock()
	return op.err
}

// commitGroup runs batch in one transaction; if that fails, each function
// is run again in a transaction of its own so one failure does not fail the
// others.
func commitGroup(db *DB, batch []*groupOp) {
	err := db.update(func(tx *bbolt.Tx) error {
		for _, o := range batch {
			if err := o.fn(tx); err != nil {
				return err
			}
		}
		return nil
	})
	if err == nil || len(batch) == 1 {
		for _, o := range batch {
			o.err = err
		}
		return
	}
	for _, o := range batch {
		o.err = db.update(o.fn)
	}
}
