package scheduler

import (
	"bytes"
	"log/slog"
	"slices"
	"sync"

	"linli"
)

// memStore is an in-memory linli.JobStore with injectable failures.
type memStore struct {
	mu      sync.Mutex
	jobs    map[uint64]linli.Job
	lastID  uint64
	failPut error // returned by PutJob when set
}

func newMemStore() *memStore { return &memStore{jobs: make(map[uint64]linli.Job)} }

func (m *memStore) PutJob(j *linli.Job) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.failPut != nil {
		return m.failPut
	}
	if j.Key != "" {
		for id, old := range m.jobs {
			if old.Key == j.Key && id != j.ID {
				if j.ID == 0 {
					j.ID = id
				} else {
					delete(m.jobs, id)
				}
			}
		}
	}
	if j.ID == 0 {
		m.lastID++
		j.ID = m.lastID
	}
	c := *j
	c.Payload = bytes.Clone(j.Payload)
	m.jobs[j.ID] = c
	return nil
}

func (m *memStore) DeleteJob(id uint64) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	delete(m.jobs, id)
	return nil
}

func (m *memStore) Jobs() ([]linli.Job, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	out := make([]linli.Job, 0, len(m.jobs))
	for _, j := range m.jobs {
		out = append(out, j)
	}
	slices.SortFunc(out, func(a, b linli.Job) int { return int(a.ID) - int(b.ID) })
	return out, nil
}

func (m *memStore) get(id uint64) (linli.Job, bool) {
	m.mu.Lock()
	defer m.mu.Unlock()
	j, ok := m.jobs[id]
	return j, ok
}

func (m *memStore) setFailPut(err error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.failPut = err
}

// logBuffer collects log output; it is safe for concurrent use.
type logBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *logBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *logBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

func (b *logBuffer) logger() *slog.Logger {
	return slog.New(slog.NewTextHandler(b, &slog.HandlerOptions{Level: slog.LevelDebug}))
}
