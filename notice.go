package linli

import "time"

// Job kinds of the broadcast family (scheduled notices and the daily digest).
const (
	JobNotice = "notice" // a scheduled notice; Payload is a NoticePayload
	JobDigest = "digest" // the daily digest to staff; no payload
)

// DigestJobKey is the key of the daily digest job.
const DigestJobKey = "digest"

// ConfigNoticePrefix starts the key of every job scheduled from a
// [[notices]] entry of the configuration; see ConfigNoticeKey.
const ConfigNoticePrefix = "config-notice:"

// ConfigNoticeKey returns the job key of the [[notices]] entry named name.
func ConfigNoticeKey(name string) string { return ConfigNoticePrefix + name }

// NoticePayload is what a scheduled notice job (Kind JobNotice) sends.
// Scheduled notices live entirely in scheduler jobs: Job.Owner is the staff
// member who set it ("" for one from the configuration) and Job.Note a short
// description for listings.
type NoticePayload struct {
	Groups []string `json:"groups,omitempty"` // configured group names; empty = every served group when it fires
	Text   string   `json:"text"`             // the notice, as the staff member wrote it (line breaks kept)
	Owner  string   `json:"owner,omitempty"`  // who set it; "" for a configured notice
}

// DigestSource contributes one section to the daily digest sent to the staff
// group. Command families (report, signup, poll) implement it; cmd/linli
// hands them to the notice family, which sends the digest.
//
// DigestSection is called with the time the digest is for (in the
// configured zone). It returns the section title ("新上报和超时上报") and one
// line per item, without bullets or numbering. A section with no lines is
// left out; a digest whose every section is empty is not sent at all. An
// error is logged and the section is left out; the rest of the digest still
// goes. Implementations must not send anything themselves.
type DigestSource interface {
	DigestSection(now time.Time) (title string, lines []string, err error)
}

// DigestFunc adapts a function to the DigestSource interface.
type DigestFunc func(now time.Time) (title string, lines []string, err error)

// DigestSection calls f.
func (f DigestFunc) DigestSection(now time.Time) (string, []string, error) { return f(now) }
