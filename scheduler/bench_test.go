package scheduler

import (
	"testing"
	"time"

	"linli"
)

// BenchmarkRunDue fires 10,000 every-minute jobs per iteration (one RunDue
// per simulated minute), including their store writes.
func BenchmarkRunDue(b *testing.B) {
	const jobs = 10_000
	store := newMemStore()
	clock := linli.NewSimClock(day0)
	s := New(store, clock, time.UTC, (&logBuffer{}).logger())
	fired := 0
	s.Handle("tick", func(linli.Job, time.Time) error { fired++; return nil })
	for range jobs {
		if _, err := s.Schedule(linli.Job{Kind: "tick", Spec: "* * * * *"}); err != nil {
			b.Fatal(err)
		}
	}
	for b.Loop() {
		clock.Advance(time.Minute)
		if err := s.RunDue(clock.Now()); err != nil {
			b.Fatal(err)
		}
	}
	b.StopTimer()
	if fired != b.N*jobs {
		b.Fatalf("fired %d; want %d", fired, b.N*jobs)
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(fired), "ns/occurrence")
}
