package mock

import (
	"time"

	"linli"
)

var (
	_ linli.Router       = (*Router)(nil)
	_ linli.Understander = (*Understander)(nil)
	_ linli.Classifier   = (*Classifier)(nil)
	_ linli.DigestSource = (*DigestSource)(nil)
)

// Router is a function-field fake of linli.Router.
type Router struct {
	CommandFn  func(c linli.Command)
	IntentFn   func(intent string, h linli.HandlerFunc)
	HookFn     func(h linli.HookFunc)
	CommandsFn func() []linli.Command
}

// Command calls CommandFn.
func (fake *Router) Command(c linli.Command) {
	if fake.CommandFn == nil {
		unset("Router.Command")
	}
	fake.CommandFn(c)
}

// Intent calls IntentFn.
func (fake *Router) Intent(intent string, h linli.HandlerFunc) {
	if fake.IntentFn == nil {
		unset("Router.Intent")
	}
	fake.IntentFn(intent, h)
}

// Hook calls HookFn.
func (fake *Router) Hook(h linli.HookFunc) {
	if fake.HookFn == nil {
		unset("Router.Hook")
	}
	fake.HookFn(h)
}

// Commands calls CommandsFn.
func (fake *Router) Commands() []linli.Command {
	if fake.CommandsFn == nil {
		unset("Router.Commands")
	}
	return fake.CommandsFn()
}

// Understander is a function-field fake of linli.Understander.
type Understander struct {
	UnderstandFn func(text string) linli.Understanding
}

// Understand calls UnderstandFn.
func (fake *Understander) Understand(text string) linli.Understanding {
	if fake.UnderstandFn == nil {
		unset("Understander.Understand")
	}
	return fake.UnderstandFn(text)
}

// Classifier is a function-field fake of linli.Classifier.
type Classifier struct {
	ClassifyFn func(text string) (category string, keywords []string)
}

// Classify calls ClassifyFn.
func (fake *Classifier) Classify(text string) (string, []string) {
	if fake.ClassifyFn == nil {
		unset("Classifier.Classify")
	}
	return fake.ClassifyFn(text)
}

// DigestSource is a function-field fake of linli.DigestSource.
type DigestSource struct {
	DigestSectionFn func(now time.Time) (title string, lines []string, err error)
}

// DigestSection calls DigestSectionFn.
func (fake *DigestSource) DigestSection(now time.Time) (string, []string, error) {
	if fake.DigestSectionFn == nil {
		unset("DigestSource.DigestSection")
	}
	return fake.DigestSectionFn(now)
}
