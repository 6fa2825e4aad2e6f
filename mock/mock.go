// Package mock has test doubles of the interfaces declared in package linli,
// for tests of packages that must not depend on the real implementations
// (storage, scheduler, the platforms):
//
//   - Store, an in-memory DedupeStore, ResidentStore, OutboxStore, JobStore
//     and GroupAliasStore that behaves like storage;
//   - one function-field fake per interface (ActivityService, ReportService,
//     PollService, ResidentStore, JobStore, Scheduler, Sender, Platform, …),
//     as in benbjohnson/wtf: each method XYZ calls the field XYZFn, so a
//     test sets only the functions of the methods it expects to be called.
//
// Calling a method whose function field is nil panics with a message that
// names the method ("mock: ActivityService.SignUp called, but SignUpFn is
// not set"): a call the test did not expect is a failure, never a silent
// zero value. The fakes add no locking; a test whose functions are called
// from several goroutines guards its own state.
package mock

import (
	"fmt"
	"strings"
)

// unset panics for a call to method ("Type.Method") of a fake whose function
// field is nil.
func unset(method string) {
	name := method[strings.LastIndex(method, ".")+1:]
	panic(fmt.Sprintf("mock: %s called, but %sFn is not set", method, name))
}
