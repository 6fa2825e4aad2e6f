package linli

import "time"

// Survey question kinds.
const (
	QuestionSingle   = "single"   // one of the options
	QuestionMultiple = "multiple" // one or more of the options (多选)
	QuestionText     = "text"     // free text (填空)
)

// Survey states.
const (
	SurveyOpen   = "open"
	SurveyClosed = "closed"
)

// MaxSurveyOptions bounds the options of one question; MaxSurveyQuestions
// the questions of a survey.
const (
	MaxSurveyOptions   = 10
	MaxSurveyQuestions = 20
)

// SurveyQuestion is one question of a survey.
type SurveyQuestion struct {
	Text    string   `json:"text"`
	Kind    string   `json:"kind"`
	Options []string `json:"options,omitempty"`
}

// Survey is a 需求调研问卷 staff publish to groups.
type Survey struct {
	ID        uint64           `json:"id"`
	Title     string           `json:"title"`
	Questions []SurveyQuestion `json:"questions"`
	Deadline  time.Time        `json:"deadline"`
	Groups    []string         `json:"groups"`
	Status    string           `json:"status"`
	CreatedBy string           `json:"created_by"`
	CreatedAt time.Time        `json:"created_at"`
	ClosedAt  time.Time        `json:"closed_at,omitzero"`
}

// Open reports whether the survey takes answers at now.
func (s *Survey) Open(now time.Time) bool { return s.Status == SurveyOpen && now.Before(s.Deadline) }

// SurveyAnswer is one resident's answer set: Answers[i] answers question
// i+1 (option texts, or one free text), nil while unanswered. Answering a
// question again replaces that answer.
type SurveyAnswer struct {
	SurveyID  uint64     `json:"survey_id"`
	Resident  string     `json:"resident"`
	Household string     `json:"household,omitempty"`
	Answers   [][]string `json:"answers"`
	CreatedAt time.Time  `json:"created_at"`
	UpdatedAt time.Time  `json:"updated_at"`
}

// Complete reports whether every question of s is answered.
func (a *SurveyAnswer) Complete(s *Survey) bool {
	if len(a.Answers) < len(s.Questions) {
		return false
	}
	for _, x := range a.Answers[:len(s.Questions)] {
		if len(x) == 0 {
			return false
		}
	}
	return true
}

// SurveyService keeps surveys and their answers.
type SurveyService interface {
	// CreateSurvey stores s, assigning s.ID.
	CreateSurvey(s *Survey) error
	// Survey returns one survey, or ENotFound.
	Survey(id uint64) (*Survey, error)
	// Surveys lists every survey in ID order.
	Surveys() ([]Survey, error)
	// CloseSurvey marks survey id closed at at; it reports false when it
	// was closed already.
	CloseSurvey(id uint64, at time.Time) (*Survey, bool, error)
	// UpdateSurveyAnswer loads resident's answer set of survey id (a new
	// one when none), lets fn change it and saves it, in one transaction
	// (so a closed survey refused by fn stays unanswered). It returns the
	// set before and after; fn's error aborts and is returned as is.
	UpdateSurveyAnswer(id uint64, resident string, fn func(s *Survey, a *SurveyAnswer) error) (before, after *SurveyAnswer, err error)
	// SurveyAnswers lists the answer sets of a survey by resident.
	SurveyAnswers(id uint64) ([]SurveyAnswer, error)
}
