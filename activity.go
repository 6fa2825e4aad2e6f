package linli

import (
	"math"
	"time"
)

// Activity states (DESIGN.md `linli export activities`: status). An
// activity's state is Activity.State: the stored Status (what staff did)
// read against the clock (the deadline, the start, the end). See state.go.
const (
	ActivityDraft     = "draft"     // stored but not announced yet: nobody can sign up
	ActivityOpen      = "open"      // sign-up open until Deadline
	ActivityClosed    = "closed"    // sign-up closed (deadline or 截止报名); not over yet, may be under way
	ActivityOver      = "over"      // ended (EndsAt, or DefaultLength after the start); never stored
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
	SourceWalkIn  = "walkin"  // recorded by staff at the door without a sign-up (现场加入)
)

// What a group has yet to be told about a sign-up made there
// (Signup.Change, with Acked false): replies to a group are gathered and
// sent together, as sign-ups are.
const (
	ChangeNew       = ""          // the sign-up itself
	ChangeParty     = "party"     // its party size changed
	ChangeAgain     = "again"     // the resident signed up again, unchanged
	ChangeCancelled = "cancelled" // the resident cancelled it
)

// MaxExtraPeople bounds the +N of 报名 <编号> +N: family members a resident
// may bring along.
const MaxExtraPeople = 10

// Activity is a community event residents sign up for.
type Activity struct {
	ID         uint64    `json:"id"`
	Title      string    `json:"title"`
	StartsAt   time.Time `json:"starts_at"`
	EndsAt     time.Time `json:"ends_at,omitzero"` // when it ends, if said (时间:14:00-16:00); see End
	Place      string    `json:"place"`
	Capacity   int       `json:"capacity"`              // seats; a party of 1+N takes 1+N; 0: no cap (名额:不限)
	Deadline   time.Time `json:"deadline"`              // sign-up closes; never after StartsAt
	Note       string    `json:"note,omitempty"`        // 备注, shown on the card
	Volunteer  bool      `json:"volunteer,omitempty"`   // 志愿:是 — a volunteer activity: its hours are recorded (志愿时长)
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

	// WaitingPeople is the people (family included) on the waitlist who have
	// not come yet. Not stored: the sign-up handlers fill it from the
	// sign-ups for what they show (0 when not known: use Waiting).
	WaitingPeople int `json:"-"`
}

// Unlimited reports whether the activity has no cap on seats (名额:不限).
func (a *Activity) Unlimited() bool { return a.Capacity == 0 }

// Free returns the seats still available; math.MaxInt for an activity
// without a cap.
func (a *Activity) Free() int {
	if a.Unlimited() {
		return math.MaxInt
	}
	return max(a.Capacity-a.Taken, 0)
}

// Fits reports whether a party of n people fits in the free seats.
func (a *Activity) Fits(n int) bool { return a.Unlimited() || a.Taken+n <= a.Capacity }

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
	Entry      string    `json:"entry,omitempty"`  // their 接龙 line as typed
	Acked      bool      `json:"acked,omitempty"`  // the group has been told of its latest change (see UnackedSignups)
	Change     string    `json:"change,omitempty"` // unless Acked: what the group is to be told (ChangeParty …; ChangeNew the sign-up)
	CreatedAt  time.Time `json:"created_at"`
	UpdatedAt  time.Time `json:"updated_at"`
	CheckedIn  time.Time `json:"checked_in,omitzero"`
	WalkIn     bool      `json:"walk_in,omitempty"` // checked in without a seat (现场加入): waitlisted, or come without signing up when full

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
	// Activities lists every activity in ID order. It reads them all;
	// prefer CurrentActivities for what is open or upcoming.
	Activities() ([]Activity, error)
	// CurrentActivities lists, in ID order, the activities that end
	// (Activity.End) at or after since, of any status: everything that can
	// still be open, closed or under way at since. It reads only those.
	CurrentActivities(since time.Time) ([]Activity, error)
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
	// CurrentSignups lists a resident's sign-ups (any status, with
	// positions) of the activities that end at or after since, by
	// activity, reading only the activities current at since (those
	// CurrentActivities lists) and the resident's sign-ups of them.
	CurrentSignups(resident string, since time.Time) ([]Signup, error)
	// SignupCounts returns the running counts of each of the activities
	// ids' sign-ups (see SignupCounts), by id; an id without sign-ups
	// counts zero.
	SignupCounts(ids []uint64) (map[uint64]SignupCounts, error)
	// Participants counts the people who took part (Signup.Took) in an
	// activity that is not cancelled and starts in month ("2026-11", in
	// the activity's zone; "" for any month), not counting the names in
	// exclude (staff).
	Participants(month string, exclude []string) (int, error)
	// KnownPeople counts the people linli knows: the residents, and the
	// names that came as walk-ins without being residents; not counting
	// the names (resident keys, walk-in names) in exclude. A nickname
	// excludes nobody: a role comes from the configured name (Config.RoleOf).
	KnownPeople(exclude []string) (int, error)
	// CheckIn records the attendance of the named residents' sign-ups at at
	// and returns them; names without an active sign-up are ignored. A
	// waitlisted party is confirmed if it fits in the free seats, else it
	// stays waitlisted and is marked WalkIn: the capacity holds. A
	// cancelled activity is an EConflict error.
	CheckIn(activityID uint64, residents []string, at time.Time) ([]Signup, error)
	// WalkIn records name, who came without signing up (staff's 签到 <编号>
	// <名字>), as checked in at at: a sign-up of one person with Source
	// SourceWalkIn, confirmed if a seat is free, else waitlisted and marked
	// WalkIn. A name with an active sign-up is checked in as CheckIn does.
	// A cancelled activity is an EConflict error.
	WalkIn(activityID uint64, name string, at time.Time) (Signup, error)

	// UnackedSignups lists the sign-ups made in group whose latest change
	// (Signup.Change) the group has not been told about yet — active ones,
	// and ones cancelled there — in queue order, with positions.
	UnackedSignups(activityID uint64, group string) ([]Signup, error)
	// MarkUntold records that the group resident signed up in is to be told
	// change about their sign-up (ChangeParty, ChangeAgain,
	// ChangeCancelled), unless it has not been told of the sign-up itself
	// yet: then it is told of the sign-up as it stands. A missing sign-up
	// is ENotFound.
	MarkUntold(activityID uint64, resident, change string) error
	// MarkAcked marks sign-ups as told, by resident and the Seq that was
	// told (a newer sign-up by the same resident stays untold).
	MarkAcked(activityID uint64, told map[string]uint64) error
	// MarkAsked records that the bot asked the question key (a resident and
	// what about) at now, and reports whether it had not in the day before:
	// nobody is asked the same thing twice a day.
	MarkAsked(key string, now time.Time) (bool, error)
}
