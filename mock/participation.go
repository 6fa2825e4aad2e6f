package mock

import (
	"time"

	"linli"
)

var (
	_ linli.Participation     = (*Participation)(nil)
	_ linli.ActivityRatings   = (*ActivityRatings)(nil)
	_ linli.RedemptionService = (*RedemptionService)(nil)
	_ linli.SurveyService     = (*SurveyService)(nil)
)

// Participation is a function-field fake of linli.Participation.
type Participation struct {
	CheckedInFn      func(a linli.Activity, signups []linli.Signup, at time.Time) error
	ReportResolvedFn func(r linli.Report, at time.Time) error
	SurveyAnsweredFn func(s linli.Survey, resident, household string, at time.Time) error
}

// CheckedIn calls CheckedInFn.
func (fake *Participation) CheckedIn(a linli.Activity, signups []linli.Signup, at time.Time) error {
	if fake.CheckedInFn == nil {
		unset("Participation.CheckedIn")
	}
	return fake.CheckedInFn(a, signups, at)
}

// ReportResolved calls ReportResolvedFn.
func (fake *Participation) ReportResolved(r linli.Report, at time.Time) error {
	if fake.ReportResolvedFn == nil {
		unset("Participation.ReportResolved")
	}
	return fake.ReportResolvedFn(r, at)
}

// SurveyAnswered calls SurveyAnsweredFn.
func (fake *Participation) SurveyAnswered(s linli.Survey, resident, household string, at time.Time) error {
	if fake.SurveyAnsweredFn == nil {
		unset("Participation.SurveyAnswered")
	}
	return fake.SurveyAnsweredFn(s, resident, household, at)
}

// ActivityRatings is a function-field fake of linli.ActivityRatings.
type ActivityRatings struct {
	RatingSummaryFn func(activityID uint64) (linli.RatingSummary, error)
}

// RatingSummary calls RatingSummaryFn.
func (fake *ActivityRatings) RatingSummary(activityID uint64) (linli.RatingSummary, error) {
	if fake.RatingSummaryFn == nil {
		unset("ActivityRatings.RatingSummary")
	}
	return fake.RatingSummaryFn(activityID)
}

// RedemptionService is a function-field fake of linli.RedemptionService.
type RedemptionService struct {
	CreateRewardFn    func(r *linli.Reward) error
	RemoveRewardFn    func(id uint64, at time.Time) (*linli.Reward, error)
	RewardFn          func(id uint64) (*linli.Reward, error)
	RewardsFn         func() ([]linli.Reward, error)
	RedeemFn          func(rewardID uint64, resident, household string, at time.Time) (linli.Redemption, linli.PointsEntry, error)
	CloseRedemptionFn func(id uint64, confirm bool, by string, at time.Time) (linli.Redemption, error)
	RedemptionFn      func(id uint64) (*linli.Redemption, error)
	RedemptionsFn     func() ([]linli.Redemption, error)
}

// CreateReward calls CreateRewardFn.
func (fake *RedemptionService) CreateReward(r *linli.Reward) error {
	if fake.CreateRewardFn == nil {
		unset("RedemptionService.CreateReward")
	}
	return fake.CreateRewardFn(r)
}

// RemoveReward calls RemoveRewardFn.
func (fake *RedemptionService) RemoveReward(id uint64, at time.Time) (*linli.Reward, error) {
	if fake.RemoveRewardFn == nil {
		unset("RedemptionService.RemoveReward")
	}
	return fake.RemoveRewardFn(id, at)
}

// Reward calls RewardFn.
func (fake *RedemptionService) Reward(id uint64) (*linli.Reward, error) {
	if fake.RewardFn == nil {
		unset("RedemptionService.Reward")
	}
	return fake.RewardFn(id)
}

// Rewards calls RewardsFn.
func (fake *RedemptionService) Rewards() ([]linli.Reward, error) {
	if fake.RewardsFn == nil {
		unset("RedemptionService.Rewards")
	}
	return fake.RewardsFn()
}

// Redeem calls RedeemFn.
func (fake *RedemptionService) Redeem(rewardID uint64, resident, household string, at time.Time) (linli.Redemption, linli.PointsEntry, error) {
	if fake.RedeemFn == nil {
		unset("RedemptionService.Redeem")
	}
	return fake.RedeemFn(rewardID, resident, household, at)
}

// CloseRedemption calls CloseRedemptionFn.
func (fake *RedemptionService) CloseRedemption(id uint64, confirm bool, by string, at time.Time) (linli.Redemption, error) {
	if fake.CloseRedemptionFn == nil {
		unset("RedemptionService.CloseRedemption")
	}
	return fake.CloseRedemptionFn(id, confirm, by, at)
}

// Redemption calls RedemptionFn.
func (fake *RedemptionService) Redemption(id uint64) (*linli.Redemption, error) {
	if fake.RedemptionFn == nil {
		unset("RedemptionService.Redemption")
	}
	return fake.RedemptionFn(id)
}

// Redemptions calls RedemptionsFn.
func (fake *RedemptionService) Redemptions() ([]linli.Redemption, error) {
	if fake.RedemptionsFn == nil {
		unset("RedemptionService.Redemptions")
	}
	return fake.RedemptionsFn()
}

// SurveyService is a function-field fake of linli.SurveyService.
type SurveyService struct {
	CreateSurveyFn       func(s *linli.Survey) error
	SurveyFn             func(id uint64) (*linli.Survey, error)
	SurveysFn            func() ([]linli.Survey, error)
	CloseSurveyFn        func(id uint64, at time.Time) (*linli.Survey, bool, error)
	UpdateSurveyAnswerFn func(id uint64, resident string, fn func(s *linli.Survey, a *linli.SurveyAnswer) error) (*linli.SurveyAnswer, *linli.SurveyAnswer, error)
	SurveyAnswersFn      func(id uint64) ([]linli.SurveyAnswer, error)
}

// CreateSurvey calls CreateSurveyFn.
func (fake *SurveyService) CreateSurvey(s *linli.Survey) error {
	if fake.CreateSurveyFn == nil {
		unset("SurveyService.CreateSurvey")
	}
	return fake.CreateSurveyFn(s)
}

// Survey calls SurveyFn.
func (fake *SurveyService) Survey(id uint64) (*linli.Survey, error) {
	if fake.SurveyFn == nil {
		unset("SurveyService.Survey")
	}
	return fake.SurveyFn(id)
}

// Surveys calls SurveysFn.
func (fake *SurveyService) Surveys() ([]linli.Survey, error) {
	if fake.SurveysFn == nil {
		unset("SurveyService.Surveys")
	}
	return fake.SurveysFn()
}

// CloseSurvey calls CloseSurveyFn.
func (fake *SurveyService) CloseSurvey(id uint64, at time.Time) (*linli.Survey, bool, error) {
	if fake.CloseSurveyFn == nil {
		unset("SurveyService.CloseSurvey")
	}
	return fake.CloseSurveyFn(id, at)
}

// UpdateSurveyAnswer calls UpdateSurveyAnswerFn.
func (fake *SurveyService) UpdateSurveyAnswer(id uint64, resident string, fn func(s *linli.Survey, a *linli.SurveyAnswer) error) (*linli.SurveyAnswer, *linli.SurveyAnswer, error) {
	if fake.UpdateSurveyAnswerFn == nil {
		unset("SurveyService.UpdateSurveyAnswer")
	}
	return fake.UpdateSurveyAnswerFn(id, resident, fn)
}

// SurveyAnswers calls SurveyAnswersFn.
func (fake *SurveyService) SurveyAnswers(id uint64) ([]linli.SurveyAnswer, error) {
	if fake.SurveyAnswersFn == nil {
		unset("SurveyService.SurveyAnswers")
	}
	return fake.SurveyAnswersFn(id)
}
