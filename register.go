package linli

import "time"

// RegisterEntry is one household of the owners' register (业主名册), as
// `linli import households` loads it. Phone is kept for staff's exports
// only: it never appears in a chat.
type RegisterEntry struct {
	Household string  `json:"household"` // canonical 户号 ("3栋502")
	Owner     string  `json:"owner"`     // 业主姓名
	Area      float64 `json:"area"`      // 建筑面积 in m²
	Phone     string  `json:"phone,omitempty"`
}

// BindRequest is a resident's 绑定 waiting for staff, when a register is
// loaded and its owner's name does not match the resident's.
type BindRequest struct {
	ID        uint64    `json:"id"`
	Resident  string    `json:"resident"` // the resident key
	Household string    `json:"household"`
	Group     string    `json:"group,omitempty"` // where it was asked ("" privately)
	Status    string    `json:"status"`          // BindPending, BindApproved, BindRejected
	At        time.Time `json:"at"`
	DecidedBy string    `json:"decided_by,omitempty"`
	DecidedAt time.Time `json:"decided_at,omitzero"`
}

// Bind request states.
const (
	BindPending  = "pending"
	BindApproved = "approved"
	BindRejected = "rejected"
)

// RegisterService keeps the owners' register and the 绑定 requests staff
// decide. A community without a register has zero households in it: then
// households are self-declared, as before.
type RegisterService interface {
	// ReplaceRegister replaces the whole register with entries, in one
	// transaction: nothing is imported partially.
	ReplaceRegister(entries []RegisterEntry) error
	// RegisterEntry returns the entry of a canonical 户号, or ENotFound.
	RegisterEntry(household string) (*RegisterEntry, error)
	// RegisterTotals returns how many households the register holds and
	// their total area.
	RegisterTotals() (households int, area float64, err error)
	// PutRegisterEntry adds or replaces one entry (staff in chat).
	PutRegisterEntry(e RegisterEntry) error
	// RegisterEntries lists the register ordered by 户号 key.
	RegisterEntries() ([]RegisterEntry, error)
	// CreateBindRequest stores r as a new request and sets r.ID.
	CreateBindRequest(r *BindRequest) error
	// UpdateBindRequest applies fn to request id and saves it in one
	// transaction (ENotFound if none); fn's error aborts and is returned.
	UpdateBindRequest(id uint64, fn func(r *BindRequest) error) (*BindRequest, error)
	// BindRequests lists the requests in status (BindPending, …; "" every
	// one), oldest first.
	BindRequests(status string) ([]BindRequest, error)
}
