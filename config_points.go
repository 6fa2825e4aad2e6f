package linli

import "fmt"

// PointsConfig holds the rules of 积分 ([points] in linli.toml). A rule
// left out takes its default; 0 turns it off.
type PointsConfig struct {
	PerActivity      *int `toml:"per_activity"`       // an activity checked in at; default 5
	PerVolunteerHour *int `toml:"per_volunteer_hour"` // an hour at a volunteer activity (志愿:是); default 2
	PerReport        *int `toml:"per_report"`         // a 随手拍 resolved; default 2
	PerSurvey        *int `toml:"per_survey"`         // a survey answered; default 1
	MonthlyCap       int  `toml:"monthly_cap"`        // most points a resident earns by the rules in a month; 0 = no cap
	StarsTop         int  `toml:"stars_top"`          // 邻里之星: residents named per group each month; default 3
}

// Default points rules.
const (
	DefaultPointsPerActivity      = 5
	DefaultPointsPerVolunteerHour = 2
	DefaultPointsPerReport        = 2
	DefaultPointsPerSurvey        = 1
	DefaultStarsTop               = 3
)

// Rule values, defaults applied.
func (p PointsConfig) Activity() int { return orDefault(p.PerActivity, DefaultPointsPerActivity) }
func (p PointsConfig) VolunteerHour() int {
	return orDefault(p.PerVolunteerHour, DefaultPointsPerVolunteerHour)
}
func (p PointsConfig) Report() int { return orDefault(p.PerReport, DefaultPointsPerReport) }
func (p PointsConfig) Survey() int { return orDefault(p.PerSurvey, DefaultPointsPerSurvey) }

func orDefault(v *int, def int) int {
	if v == nil {
		return def
	}
	return *v
}

// validate checks the [points] values and fills StarsTop.
func (p *PointsConfig) validate() error {
	for _, r := range []struct {
		key string
		v   *int
	}{{"per_activity", p.PerActivity}, {"per_volunteer_hour", p.PerVolunteerHour}, {"per_report", p.PerReport}, {"per_survey", p.PerSurvey}} {
		if r.v != nil && (*r.v < 0 || *r.v > 1000) {
			return fmt.Errorf("配置 [points] %s = %d 应在 0 到 1000 之间", r.key, *r.v)
		}
	}
	if p.MonthlyCap < 0 {
		return fmt.Errorf("配置 [points] monthly_cap = %d 不能为负（0 表示不设上限）", p.MonthlyCap)
	}
	switch {
	case p.StarsTop < 0 || p.StarsTop > 50:
		return fmt.Errorf("配置 [points] stars_top = %d 应在 1 到 50 之间", p.StarsTop)
	case p.StarsTop == 0:
		p.StarsTop = DefaultStarsTop
	}
	return nil
}
