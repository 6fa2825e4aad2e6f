package main

import "testing"

// TestTerminalWidthFallsBack: a pty with no window size reports width 0
// (or readline's -1 for an error); the editor is given 80 columns instead.
func TestTerminalWidthFallsBack(t *testing.T) {
	for _, w := range []int{0, -1} {
		if got := widthOr80(func() int { return w })(); got != 80 {
			t.Errorf("width %d: editor gets %d, want 80", w, got)
		}
	}
	if got := widthOr80(func() int { return 120 })(); got != 120 {
		t.Errorf("width 120: editor gets %d", got)
	}
}
