package linli

import "time"

// Participation is told of what residents do that the participation
// family (积分, 志愿时长, 活动评价) follows. cmd/linli passes that family to
// the families where these things happen; they skip a nil Participation.
// Calls come after the change is stored; the caller logs an error and goes
// on (the change stands). Every rule gives once per record, so a call
// repeated (the next check-in at the same activity schedules its
// settlement again; the settlement at the end gives every participant
// what a check-in's call missed) never gives twice.
type Participation interface {
	// CheckedIn: signups of activity a were checked in at at (a
	// resident's 签到, staff's 签到 for others, walk-ins).
	CheckedIn(a Activity, signups []Signup, at time.Time) error
	// ReportResolved: report r was resolved (办结) at at.
	ReportResolved(r Report, at time.Time) error
	// SurveyAnswered: resident's answer set of s became complete at at.
	SurveyAnswered(s Survey, resident, household string, at time.Time) error
}

// VolunteerRecord is what one resident gave at one volunteer activity
// (Activity.Volunteer): from their check-in to their 签退, or to the
// activity's end.
type VolunteerRecord struct {
	ActivityID uint64    `json:"activity_id"`
	Title      string    `json:"title,omitempty"`
	Resident   string    `json:"resident"`
	Household  string    `json:"household,omitempty"`
	CheckedIn  time.Time `json:"checked_in,omitzero"`
	CheckedOut time.Time `json:"checked_out,omitzero"` // 签退; zero: the activity's end counts
	Hours      float64   `json:"hours"`                // set when the activity is settled
	Settled    bool      `json:"settled,omitempty"`
}

// ActivityRating is one resident's 评价活动 of an activity they checked in at.
type ActivityRating struct {
	ActivityID uint64    `json:"activity_id"`
	Resident   string    `json:"resident"`
	Stars      int       `json:"stars"` // 1..5
	Comment    string    `json:"comment,omitempty"`
	At         time.Time `json:"at"`
}

// RatingSummary is what residents made of one activity.
type RatingSummary struct {
	Count    int
	Average  float64 // 0 when Count is 0
	Comments []string
}

// ActivityRatings gives the ratings of activities to the families that
// show them (统计 活动); the participation family implements it.
type ActivityRatings interface {
	RatingSummary(activityID uint64) (RatingSummary, error)
}

// FeedbackStore keeps check-outs, volunteer hours and activity ratings.
type FeedbackStore interface {
	// CheckOut records resident's 签退 from activityID at at; a second
	// 签退 is an EConflict *Error, so is one after the activity was settled.
	CheckOut(activityID uint64, resident string, at time.Time) (VolunteerRecord, error)
	// SettleVolunteer stores rec's hours, once per activity and resident
	// (keeping a 签退 recorded before); false when it was settled already.
	SettleVolunteer(rec VolunteerRecord) (VolunteerRecord, bool, error)
	// VolunteerRecords lists resident's records ("" for everyone's) in
	// activity order.
	VolunteerRecords(resident string) ([]VolunteerRecord, error)
	// RateActivity stores r, replacing the resident's earlier rating of
	// the activity, which it returns (nil when none).
	RateActivity(r ActivityRating) (*ActivityRating, error)
	// ActivityRatings lists an activity's ratings by resident.
	ActivityRatings(activityID uint64) ([]ActivityRating, error)
}
