package bot

import (
	"fmt"
	"maps"
	"sync"

	"linli"
)

// GroupAliases is the live view of renamed groups shared by the engine (to
// recognise a renamed group's messages), the outbox (to deliver to its
// current topic) and the 绑定群 handler (which binds through it, as a
// linli.GroupAliasStore). It loads the aliases once and writes every change
// through to the store before applying it in memory, so a binding holds for
// the very next message in and the next delivery out, and survives a
// restart. A nil *GroupAliases has no aliases. Safe for concurrent use.
type GroupAliases struct {
	store linli.GroupAliasStore

	mu      sync.RWMutex
	byTopic map[string]string // platform topic → configured name
	byName  map[string]string // configured name → platform topic
}

var _ linli.GroupAliasStore = (*GroupAliases)(nil)

// NewGroupAliases loads the aliases kept in store.
func NewGroupAliases(store linli.GroupAliasStore) (*GroupAliases, error) {
	m, err := store.GroupAliases()
	if err != nil {
		return nil, fmt.Errorf("group aliases: load: %w", err)
	}
	a := &GroupAliases{store: store}
	a.set(m)
	return a, nil
}

func (a *GroupAliases) set(byTopic map[string]string) {
	a.byTopic, a.byName = byTopic, make(map[string]string, len(byTopic))
	for topic, name := range byTopic {
		a.byName[name] = topic
	}
}

// GroupAliases returns a copy of the aliases, topic → configured name.
func (a *GroupAliases) GroupAliases() (map[string]string, error) {
	if a == nil {
		return map[string]string{}, nil
	}
	a.mu.RLock()
	defer a.mu.RUnlock()
	return maps.Clone(a.byTopic), nil
}

// SetGroupAlias stores the alias (see linli.GroupAliasStore) and then
// applies it to the live view; on a store error nothing changes.
func (a *GroupAliases) SetGroupAlias(topic, configured string) error {
	a.mu.Lock()
	defer a.mu.Unlock()
	if err := a.store.SetGroupAlias(topic, configured); err != nil {
		return err
	}
	m := maps.Clone(a.byTopic)
	for t, n := range m {
		if n == configured {
			delete(m, t)
		}
	}
	if topic != configured {
		m[topic] = configured
	}
	a.set(m)
	return nil
}

// Configured returns the configured name that topic stands for, if the
// group was renamed and re-bound.
func (a *GroupAliases) Configured(topic string) (string, bool) {
	if a == nil {
		return "", false
	}
	a.mu.RLock()
	defer a.mu.RUnlock()
	name, ok := a.byTopic[topic]
	return name, ok
}

// Topic returns the name a configured group has on the platform now: its
// alias when it was renamed and re-bound, otherwise name itself.
func (a *GroupAliases) Topic(name string) string {
	if a == nil {
		return name
	}
	a.mu.RLock()
	defer a.mu.RUnlock()
	if topic, ok := a.byName[name]; ok {
		return topic
	}
	return name
}
