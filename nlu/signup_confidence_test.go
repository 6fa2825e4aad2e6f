package nlu

import "testing"

// TestSignupUnsubstantiated: family, going or 参加 that is no wish to sign
// up is never confident enough to offer a sign-up unaddressed (the router
// acts from 0.6, bot.ConfidentIntent); real wishes stay confident.
func TestSignupUnsubstantiated(t *testing.T) {
	if unsubstantiatedSignup >= 0.6 {
		t.Fatalf("unsubstantiatedSignup %.2f would still be acted on unaddressed", unsubstantiatedSignup)
	}
	n := testNLU(t)
	for _, tc := range []struct {
		text      string
		confident bool
	}{
		{"我和老伴周六要去儿子家", false},
		{"我们一家三口下周去旅游", false},
		{"保健品讲座 免费领礼品 老人都可以来", false},
		{"我家住8栋3单元1201 有空来坐坐", false},
		{"我也想参加 可惜那天要上班", false},
		{"我也想参加", true},
		{"我和老伴都想去健康讲座", true},
		{"我们一家三口都报名", true},
		{"算我一个", true},
		{"周六的讲座我去", true},
		{"我和老伴都去", true},
	} {
		u := n.Understand(tc.text)
		if got := u.Intent == "signup" && u.Confidence >= 0.6; got != tc.confident {
			t.Errorf("%s: intent %s confidence %.2f, want confident sign-up %v", tc.text, u.Intent, u.Confidence, tc.confident)
		}
	}
}
