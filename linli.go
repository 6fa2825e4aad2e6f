// Package linli holds the domain types of 邻里通 (linli), a WeChat group bot
// for residential communities, and the interfaces between its packages.
//
// It imports only the standard library. The subpackages implement these
// interfaces (storage: bbolt, nlu: gojieba, bot: engine and platforms,
// scheduler: timed jobs, handlers: commands) and cmd/linli wires them.
package linli

import (
	"errors"
	"fmt"
)

// Error codes. A user error (ECodeInvalid, ENotFound, EForbidden, EConflict)
// carries a Message that is safe to show to the person who sent the command.
const (
	EInvalid   = "invalid"   // malformed input; Message says what was expected
	ENotFound  = "not_found" // the thing named does not exist
	EForbidden = "forbidden" // the sender's role may not do this
	EConflict  = "conflict"  // the request clashes with current state
	EInternal  = "internal"  // anything else; never shown to users
)

// Error is an application error. Message is Simplified Chinese text that may
// be shown to the user as is; Code classifies it.
type Error struct {
	Code    string
	Message string
}

// Error implements the error interface.
func (e *Error) Error() string { return fmt.Sprintf("linli %s: %s", e.Code, e.Message) }

// Errorf returns an *Error with the given code and a formatted user message.
func Errorf(code, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...)}
}

// ErrorCode returns the code of err if it is (or wraps) an *Error, and
// EInternal otherwise (including for nil errors' callers that pass non-nil).
func ErrorCode(err error) string {
	var e *Error
	if errors.As(err, &e) {
		return e.Code
	}
	return EInternal
}

// ErrorMessage returns the user-visible message of err: the Message of an
// *Error, or GenericErrorText for anything else.
func ErrorMessage(err error) string {
	var e *Error
	if errors.As(err, &e) && e.Code != EInternal {
		return e.Message
	}
	return GenericErrorText
}

// GenericErrorText is what users see when something unexpected goes wrong.
const GenericErrorText = "抱歉，系统开小差了，请稍后再试。如一直不行，请联系社工。"
