package wxfake

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"time"
)

// Transport returns a RoundTripper that sends every request to the fake,
// keeping the original host in the Host header. Install it with
// bot.Caller.Client.HTTPClient().Transport = srv.Transport().
func (s *Server) Transport() http.RoundTripper {
	u, _ := url.Parse(s.url)
	return RewriteTransport(u, nil)
}

// RewriteTransport returns a RoundTripper that sends each request to
// target's scheme and host while leaving req.Host (and so the Host header)
// as the original host. base nil means http.DefaultTransport.
func RewriteTransport(target *url.URL, base http.RoundTripper) http.RoundTripper {
	if base == nil {
		base = http.DefaultTransport
	}
	return rewriter{target: target, base: base}
}

type rewriter struct {
	target *url.URL
	base   http.RoundTripper
}

func (t rewriter) RoundTrip(req *http.Request) (*http.Response, error) {
	r := req.Clone(req.Context())
	if r.Host == "" {
		r.Host = req.URL.Host
	}
	r.URL.Scheme = t.target.Scheme
	r.URL.Host = t.target.Host
	return t.base.RoundTrip(r)
}

// notify wakes every waiter. Call with s.mu held.
func (s *Server) notify() {
	close(s.changed)
	s.changed = make(chan struct{})
}

// wait blocks until the state changes, d passes, the request ends or the
// server closes; it reports whether the state changed. Call with s.mu held;
// it returns with s.mu held.
func (s *Server) wait(ctx context.Context, d time.Duration) bool {
	ch := s.changed
	s.mu.Unlock()
	defer s.mu.Lock()
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ch:
		return true
	case <-t.C:
	case <-ctx.Done():
	case <-s.quit:
	}
	return false
}

// Wait blocks until cond (called with the server's state locked, so it
// must not call Server methods) returns true, or ctx ends.
func (s *Server) Wait(ctx context.Context, cond func(Stats) bool) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	for !cond(s.stats) {
		ch := s.changed
		s.mu.Unlock()
		select {
		case <-ch:
		case <-ctx.Done():
			s.mu.Lock()
			return ctx.Err()
		case <-s.quit:
			s.mu.Lock()
			return fmt.Errorf("wxfake: server closed")
		}
		s.mu.Lock()
	}
	return nil
}

// Stats returns the counters.
func (s *Server) Stats() Stats {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.stats
}
