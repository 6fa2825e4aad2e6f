package mock

import (
	"sort"
	"sync"
	"time"

	"linli"
)

// Store is an in-memory DedupeStore, ResidentStore, OutboxStore, JobStore
// and GroupAliasStore. It is safe for concurrent use.
type Store struct {
	mu        sync.Mutex
	seen      map[string]bool
	residents map[string]linli.Resident
	outbox    map[uint64]linli.Outgoing
	keys      map[string]bool
	outSeq    uint64
	jobs      map[uint64]linli.Job
	jobSeq    uint64
	jobNums   map[string]uint64
	aliases   map[string]string // group topic → configured name
}

var (
	_ linli.DedupeStore     = (*Store)(nil)
	_ linli.ResidentStore   = (*Store)(nil)
	_ linli.OutboxStore     = (*Store)(nil)
	_ linli.JobStore        = (*Store)(nil)
	_ linli.GroupAliasStore = (*Store)(nil)
)

// NewStore returns an empty store.
func NewStore() *Store {
	return &Store{seen: map[string]bool{}, residents: map[string]linli.Resident{},
		outbox: map[uint64]linli.Outgoing{}, keys: map[string]bool{}, jobs: map[uint64]linli.Job{},
		jobNums: map[string]uint64{}, aliases: map[string]string{}}
}

// MarkSeen implements linli.DedupeStore.
func (s *Store) MarkSeen(id string, at time.Time) (bool, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.seen[id] {
		return false, nil
	}
	s.seen[id] = true
	return true, nil
}

// Resident implements linli.ResidentStore.
func (s *Store) Resident(name string) (*linli.Resident, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	r, ok := s.residents[name]
	if !ok {
		return nil, linli.Errorf(linli.ENotFound, "找不到居民 %s", name)
	}
	return &r, nil
}

// ResidentByNickname implements linli.ResidentStore.
func (s *Store) ResidentByNickname(nick string) (*linli.Resident, error) {
	if r, err := s.Resident(nick); err == nil {
		return r, nil
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, r := range s.residents {
		if r.Nickname == nick {
			return &r, nil
		}
	}
	return nil, linli.Errorf(linli.ENotFound, "找不到居民 %s", nick)
}

// UpdateResident implements linli.ResidentStore.
func (s *Store) UpdateResident(name string, fn func(*linli.Resident) error) (*linli.Resident, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	r, ok := s.residents[name]
	if !ok {
		r = linli.Resident{Name: name}
	}
	if err := fn(&r); err != nil {
		return nil, err
	}
	s.residents[name] = r
	return &r, nil
}

// Residents implements linli.ResidentStore.
func (s *Store) Residents() ([]*linli.Resident, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []*linli.Resident
	for _, r := range s.residents {
		out = append(out, &r)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out, nil
}

// EnqueueOutgoing implements linli.OutboxStore.
func (s *Store) EnqueueOutgoing(out *linli.Outgoing) (bool, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if out.Key != "" {
		if s.keys[out.Key] {
			return false, nil
		}
		s.keys[out.Key] = true
	}
	s.outSeq++
	out.ID = s.outSeq
	s.outbox[out.ID] = *out
	return true, nil
}

// PendingOutgoing implements linli.OutboxStore.
func (s *Store) PendingOutgoing() ([]linli.Outgoing, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []linli.Outgoing
	for _, o := range s.outbox {
		out = append(out, o)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out, nil
}

// CompleteOutgoing implements linli.OutboxStore.
func (s *Store) CompleteOutgoing(ids []uint64, at time.Time) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, id := range ids {
		delete(s.outbox, id)
	}
	return nil
}

// UpdateOutgoing implements linli.OutboxStore.
func (s *Store) UpdateOutgoing(out linli.Outgoing) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, ok := s.outbox[out.ID]; ok {
		s.outbox[out.ID] = out
	}
	return nil
}

// PutJob implements linli.JobStore.
func (s *Store) PutJob(j *linli.Job) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if j.Key != "" {
		for id, old := range s.jobs {
			if old.Key == j.Key {
				j.ID = id
			}
		}
	}
	if j.ID == 0 {
		s.jobSeq++
		j.ID = s.jobSeq
	}
	if old, ok := s.jobs[j.ID]; ok && old.Number != 0 {
		j.Number = old.Number
	}
	if j.Number == 0 {
		s.jobNums[j.Kind]++
		j.Number = s.jobNums[j.Kind]
	}
	s.jobs[j.ID] = *j
	return nil
}

// DeleteJob implements linli.JobStore.
func (s *Store) DeleteJob(id uint64) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	delete(s.jobs, id)
	return nil
}

// Jobs implements linli.JobStore.
func (s *Store) Jobs() ([]linli.Job, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []linli.Job
	for _, j := range s.jobs {
		out = append(out, j)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out, nil
}

// GroupAliases implements linli.GroupAliasStore.
func (s *Store) GroupAliases() (map[string]string, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make(map[string]string, len(s.aliases))
	for k, v := range s.aliases {
		out[k] = v
	}
	return out, nil
}

// SetGroupAlias implements linli.GroupAliasStore.
func (s *Store) SetGroupAlias(topic, configured string) error {
	if topic == "" || configured == "" {
		return linli.Errorf(linli.EInvalid, "群名不能为空")
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	for k, v := range s.aliases {
		if v == configured {
			delete(s.aliases, k)
		}
	}
	if topic != configured {
		s.aliases[topic] = configured
	}
	return nil
}
