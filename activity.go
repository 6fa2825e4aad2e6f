package linli

import "time"

// Activity statuses (DESIGN.md `linli export activities`).
const (
	ActivityOpen      = "open"      // sign-up open until Deadline
	ActivityClosed    = "closed"    // the deadline passed; the activity may not have started yet
	ActivityCancelled = "cancelled" // called off by staff
)

// Signup statuses (DESIGN.md `linli export signups`).
const (
	SignupConfirmed  = "confirmed"
	SignupWaitlisted = "waitlisted"
	SignupCancelled  = "cancelled"
)

// Signup sources: how a resident signed up.
const (
	SourceCommand = "command" // 报名 <编号>
	SourceJielong = "jielong" // a line in a native WeChat 接龙
)

// MaxExtraPeople bounds the +N of 报名 <编号> +N: family members a resident
// may bring along.
const MaxExtraPeople = 10

// Activity is a community event residents sign up for.
type Activity struct {
	ID         uint64    `json:"id"`
	Title      string    `json:"title"`
	StartsAt   time.Time `json:"starts_at"`
	Place      string    `json:"place"`
	Capacity   int       `json:"capacity"`              // seats; a party of 1+N takes 1+N
	Deadline   time.Time `json:"deadline"`              // sign-up closes; never after StartsAt
	Groups     []string  `json:"groups"`                // groups it is announced in
	Repeat     string    `json:"repeat,omitempty"`      // recurrence rule (handlers' format); "" for a one-off or a stopped series (a cancelled occurrence keeps it: its series goes on)
	RepeatText string    `json:"repeat_text,omitempty"` // the rule as people read it: "每周六 09:30"
	Status     string    `json:"status"`
	CreatedBy  string    `json:"created_by"`
	CreatedAt  time.Time `json:"created_at"`
	PrevID     uint64    `json:"prev_id,omitempty"` // previous occurrence of a recurring series
	NextID     uint64    `json:"next_id,omitempty"` // next occurrence, once created

	// Maintained by the ActivityService; callers never set them.
	Taken     int    `json:"taken"`      // confirmed seats (sum of confirmed party sizes)
	Waiting   int    `json:"waiting"`    // waitlisted sign-ups
	SignupSeq uint64 `json:"signup_seq"` // last sequence number given to a sign-up
}

// Free returns the seats still available.
func (a *Activity) Free() int { return max(a.Capacity-a.Taken, 0) }

// Signup is one resident's sign-up for one activity; a resident has at most
// one per activity (signing up again updates it).
type Signup struct {
	ActivityID uint64    `json:"activity_id"`
	Resident   string    `json:"resident"` // the resident's name (Message.Sender)
	Household  string    `json:"household,omitempty"`
	PartySize  int       `json:"party_size"` // the resident plus family members
	Status     string    `json:"status"`
	Seq        uint64    `json:"seq"`             // queue order within the activity
	Group      string    `json:"group,omitempty"` // where they signed up; "" in private chat
	Source     string    `json:"source,omitempty"`
	Entry      string    `json:"entry,omitempty"` // their 接龙 line as typed
	Acked      bool      `json:"acked,omitempty"` // the group has been told (see UnackedSignups)
	CreatedAt  time.Time `json:"created_at"`
	UpdatedAt  time.Time `json:"updated_at"`
	CheckedIn  time.Time `json:"checked_in,omitzero"`
	WalkIn     bool      `json:"walk_in,omitempty"` // waitlisted, checked in without a seat (现场加入)

	Position int `json:"-"` // waitlist position (1 = next), set on reads; 0 unless waitlisted
}

// Active reports whether the sign-up holds a seat or a waitlist place.
func (s *Signup) Active() bool { return s.Status == SignupConfirmed || s.Status == SignupWaitlisted }

// SignupRequest asks for a sign-up, or a change of party size or 接龙 line
// of an existing one.
type SignupRequest struct {
	ActivityID uint64
	Resident   string
	Household  string
	PartySize  int // 1..1+MaxExtraPeople
	Group      string
	Source     string
	Entry      string
	Acked      bool // the caller answers the resident at once
	Now        time.Time
}

// SignupOutcome says what a SignUp did.
type SignupOutcome int

// Sign-up outcomes. Only SignupAdded and SignupUpdated change anything.
const (
	SignupAdded     SignupOutcome = iota + 1 // new sign-up: Signup.Status says confirmed or waitlisted
	SignupUpdated                            // party size or 接龙 line changed
	SignupUnchanged                          // already signed up exactly so
	SignupNoRoom                             // a larger party does not fit; the old sign-up stands
	SignupClosed                             // past the deadline, or the activity is not open
)

// SignupResult is the effect of a SignUp.
type SignupResult struct {
	Outcome  SignupOutcome
	Signup   Signup   // the sign-up after the call (before it, for NoRoom/Unchanged)
	Previous Signup   // the sign-up before an update
	Activity Activity // the activity after the call
	Promoted []Signup // others moved from the waitlist by a smaller party
}

// CancelOutcome says what a CancelSignup did.
type CancelOutcome int

// Cancellation outcomes. Only CancelDone changes anything.
const (
	CancelDone        CancelOutcome = iota + 1
	CancelNotSignedUp               // no active sign-up
	CancelTooLate                   // the activity has started
)

// CancelResult is the effect of a CancelSignup.
type CancelResult struct {
	Outcome  CancelOutcome
	Signup   Signup
	Activity Activity
	Promoted []Signup // waitlisted sign-ups that took the freed seats
}

// ActivityService keeps activities and sign-ups. The capacity invariant —
// confirmed seats never exceed Capacity — holds under any interleaving of
// calls, because each check-and-write happens in one transaction. Methods
// return an ENotFound *Error for a missing activity; times come from the
// caller.
type ActivityService interface {
	// CreateActivity stores a, assigning a.ID; the counters start at zero.
	CreateActivity(a *Activity) error
	// Activity returns one activity with its counters.
	Activity(id uint64) (*Activity, error)
	// Activities lists every activity in ID order.
	Activities() ([]Activity, error)
	// UpdateActivity applies fn to the activity and saves it. fn may change
	// anything but the ID and counters; a Capacity below the confirmed seats
	// is an EConflict error. When seats become free before the start (now),
	// waitlisted sign-ups that fit are confirmed and returned.
	UpdateActivity(id uint64, now time.Time, fn func(*Activity) error) (*Activity, []Signup, error)
	// CreateNextOccurrence stores next as the occurrence after prevID unless
	// one was created already; it returns the occurrence stored (new or
	// earlier) and whether it is new.
	CreateNextOccurrence(prevID uint64, next *Activity) (*Activity, bool, error)

	// SignUp signs a resident up, or updates their sign-up (see
	// SignupOutcome). Safe for many concurrent callers: they share commits.
	SignUp(req SignupRequest) (SignupResult, error)
	// CancelSignup cancels a resident's sign-up and promotes from the
	// waitlist the first sign-ups that fit.
	CancelSignup(activityID uint64, resident string, now time.Time) (CancelResult, error)
	// Signup returns one resident's sign-up (any status), or ENotFound.
	Signup(activityID uint64, resident string) (*Signup, error)
	// Signups lists an activity's sign-ups in queue order, with positions.
	Signups(activityID uint64) ([]Signup, error)
	// AllSignups lists every sign-up by activity, then queue order.
	AllSignups() ([]Signup, error)
	// EachSignup calls fn with every sign-up and its activity, in the order
	// of AllSignups, in one read transaction, holding one activity's
	// sign-ups at a time. fn must not write; a and s are valid only during
	// the call; fn's error stops the iteration and is returned (wrapped).
	EachSignup(fn func(a *Activity, s *Signup) error) error
	// CountSignups returns the number of sign-ups (for a progress bar).
	CountSignups() (int, error)
	// ResidentSignups lists a resident's sign-ups (any status), with positions.
	ResidentSignups(resident string) ([]Signup, error)
	// CheckIn records the attendance of the named residents' sign-ups at at
	// and returns them; names without an active sign-up are ignored. A
	// waitlisted party is confirmed if it fits in the free seats, else it
	// stays waitlisted and is marked WalkIn: the capacity holds.
	CheckIn(activityID uint64, residents []string, at time.Time) ([]Signup, error)

	// UnackedSignups lists the active sign-ups made in group that the group
	// has not been told about yet, in queue order, with positions.
	UnackedSignups(activityID uint64, group string) ([]Signup, error)
	// MarkAcked marks sign-ups as told, by resident and the Seq that was
	// told (a newer sign-up by the same resident stays untold).
	MarkAcked(activityID uint64, told map[string]uint64) error
	// MarkAsked records that the bot asked the question key (a resident and
	// what about) at now, and reports whether it had not in the day before:
	// nobody is asked the same thing twice a day.
	MarkAsked(key string, now time.Time) (bool, error)
}
