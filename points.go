package linli

import "time"

// Kinds of points entries (PointsEntry.Kind): what a change of a
// resident's points was for.
const (
	PointsAttend    = "attend"    // an activity checked in at, once it is over
	PointsVolunteer = "volunteer" // hours given at a volunteer activity (志愿:是)
	PointsReport    = "report"    // a 随手拍 of theirs that was resolved
	PointsSurvey    = "survey"    // a survey answered
	PointsGrant     = "grant"     // staff's 加积分 / 扣积分 (a negative amount)
	PointsRedeem    = "redeem"    // held for a redemption (兑换), negative
	PointsRefund    = "refund"    // a cancelled redemption's points given back
)

// RuleKind reports whether entries of kind are earned by a [points] rule,
// and so count toward the monthly cap.
func RuleKind(kind string) bool {
	switch kind {
	case PointsAttend, PointsVolunteer, PointsReport, PointsSurvey:
		return true
	}
	return false
}

// RankedKind reports whether entries of kind count in the month's ranking
// (邻里之星): what was earned and granted, not what was spent or returned.
func RankedKind(kind string) bool { return RuleKind(kind) || kind == PointsGrant }

// PointsEntry is one change of a resident's points: the ledger is the list
// of them, and a resident's balance is their sum (kept on write as a
// PointsBalance).
type PointsEntry struct {
	ID        uint64    `json:"id"`
	Resident  string    `json:"resident"`
	Household string    `json:"household,omitempty"`
	Amount    int       `json:"amount"` // negative for a deduction or a redemption
	Kind      string    `json:"kind"`
	Reason    string    `json:"reason"`           // for people: "参加活动1「健康讲座」"
	Source    string    `json:"source,omitempty"` // the record it is for ("attend:3:张阿姨", "report:7"); unique when set
	By        string    `json:"by,omitempty"`     // the staff member who granted it; "" for a rule
	CreatedAt time.Time `json:"created_at"`       // its month (in its own location) is the month it counts in
	Asked     int       `json:"asked,omitempty"`  // what the rule gave, when the monthly cap cut it to Amount
	Balance   int       `json:"balance"`          // the resident's balance after it; set by the service
}

// PointsSource returns the Source of the entry a rule gives for record,
// e.g. PointsSource("attend", 3, "张阿姨") = "attend:3:张阿姨".
func PointsSource(kind string, id uint64, resident string) string {
	s := kind + ":" + uitoa(id)
	if resident != "" {
		s += ":" + resident
	}
	return s
}

func uitoa(n uint64) string {
	if n == 0 {
		return "0"
	}
	var b [20]byte
	i := len(b)
	for n > 0 {
		i--
		b[i] = byte('0' + n%10)
		n /= 10
	}
	return string(b[i:])
}

// CapAmount returns what of a rule's asked points may still be given when
// the resident has already earned earned points by rules this month and
// the monthly cap is limit (0: no cap): never more than asked, never below
// zero.
func CapAmount(asked, earned, limit int) int {
	if limit <= 0 || asked <= 0 {
		return asked
	}
	return max(0, min(asked, limit-earned))
}

// PointsBalance is a resident's points, maintained by the PointsService on
// every write.
type PointsBalance struct {
	Resident  string `json:"resident"`
	Household string `json:"household,omitempty"`
	Balance   int    `json:"balance"`
	Entries   int    `json:"entries"`           // entries in the ledger
	OptOut    bool   `json:"opt_out,omitempty"` // 不参与排名: left out of 邻里之星
}

// MonthPoints is what a resident earned in one month: Ranked counts toward
// 邻里之星 (RankedKind), Rules toward the monthly cap (RuleKind).
type MonthPoints struct {
	Resident string `json:"resident"`
	Month    string `json:"month"` // "2026-11"
	Ranked   int    `json:"ranked"`
	Rules    int    `json:"rules"`
}

// PointsService keeps the ledger. Every write is one transaction that adds
// entries and updates the balances and month totals, so a balance always
// equals the sum of its entries, and a balance never goes below zero.
type PointsService interface {
	// AddPoints stores e (assigning ID and Balance) unless its Source was
	// recorded before: then it returns the stored entry and false. For a
	// rule kind (RuleKind) with monthlyCap > 0, Amount is cut to what
	// remains of the cap in e.CreatedAt's month (Asked keeps what was
	// asked); an entry cut to 0 is stored too, so the resident sees why. A
	// negative Amount larger than the balance is an EConflict *Error and
	// nothing is stored.
	AddPoints(e PointsEntry, monthlyCap int) (PointsEntry, bool, error)
	// PointsBalance returns a resident's balance; a resident without entries
	// has a zero balance (no error).
	PointsBalance(resident string) (PointsBalance, error)
	// PointsHistory returns a resident's entries newest first, skipping
	// offset and at most limit of them, and how many there are in all.
	PointsHistory(resident string, offset, limit int) ([]PointsEntry, int, error)
	// HasPointsSource reports whether an entry with Source source exists.
	HasPointsSource(source string) (bool, error)
	// EachPointsEntry calls fn with every entry in ID order, in one read
	// transaction (exports); fn must not write.
	EachPointsEntry(fn func(e *PointsEntry) error) error
	// MonthPoints lists what each resident earned in month ("2026-11"),
	// ordered by resident.
	MonthPoints(month string) ([]MonthPoints, error)
	// SetRankingOptOut records whether resident stays out of 邻里之星.
	SetRankingOptOut(resident string, out bool) error
	// Balances lists every balance ordered by resident.
	Balances() ([]PointsBalance, error)
}

// Reward is something residents can get for points (兑换), listed by staff.
type Reward struct {
	ID        uint64    `json:"id"`
	Name      string    `json:"name"`
	Cost      int       `json:"cost"`                // points per item
	Limited   bool      `json:"limited"`             // Stock counts; false: as many as asked for
	Stock     int       `json:"stock"`               // items left (held ones are taken), when Limited
	Note      string    `json:"note,omitempty"`      // 说明
	OnShelf   bool      `json:"on_shelf"`            // false once 下架
	Redeemed  int       `json:"redeemed"`            // redemptions held or confirmed
	CreatedBy string    `json:"created_by"`          // staff
	CreatedAt time.Time `json:"created_at"`          //
	RemovedAt time.Time `json:"removed_at,omitzero"` // 下架
}

// Redemption states.
const (
	RedemptionHeld      = "held"      // points held, waiting for the hand-over
	RedemptionConfirmed = "confirmed" // staff handed it over
	RedemptionCancelled = "cancelled" // points returned
)

// Redemption is one resident's 兑换 of one reward.
type Redemption struct {
	ID        uint64    `json:"id"`
	RewardID  uint64    `json:"reward_id"`
	Reward    string    `json:"reward"` // its name at the time
	Resident  string    `json:"resident"`
	Household string    `json:"household,omitempty"`
	Cost      int       `json:"cost"`
	Status    string    `json:"status"`
	CreatedAt time.Time `json:"created_at"`
	ClosedAt  time.Time `json:"closed_at,omitzero"`
	ClosedBy  string    `json:"closed_by,omitempty"`
}

// RedemptionService keeps rewards and redemptions. Redeem and
// CloseRedemption change the reward's stock, the redemption and the ledger
// in one transaction: under any concurrency a reward's stock never goes
// below zero and no resident's balance does.
type RedemptionService interface {
	// CreateReward stores r, assigning r.ID.
	CreateReward(r *Reward) error
	// RemoveReward takes a reward off the shelf (下架) at at; held
	// redemptions stay. ENotFound for a missing reward, EConflict when it is
	// off already.
	RemoveReward(id uint64, at time.Time) (*Reward, error)
	// Reward returns one reward, or ENotFound.
	Reward(id uint64) (*Reward, error)
	// Rewards lists every reward in ID order.
	Rewards() ([]Reward, error)
	// Redeem holds cost points of resident for one item of reward id and
	// takes it from the stock. EConflict (nothing changed) when the reward is
	// off the shelf, out of stock, or the balance is short.
	Redeem(rewardID uint64, resident, household string, at time.Time) (Redemption, PointsEntry, error)
	// CloseRedemption confirms a held redemption (confirm) or cancels it,
	// returning the points and the item to the stock (a reward off the shelf
	// gets its item back too). EConflict when it is not held.
	CloseRedemption(id uint64, confirm bool, by string, at time.Time) (Redemption, error)
	// Redemption returns one redemption, or ENotFound.
	Redemption(id uint64) (*Redemption, error)
	// Redemptions lists every redemption in ID order.
	Redemptions() ([]Redemption, error)
}
