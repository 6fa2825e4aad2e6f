package nlu

import (
	"linli/textnorm"
	"os"
	"strings"
	"testing"
)

// TestEmergencySets measures the emergency rules on two sets written blind
// (text<TAB>kind, kind none for a text that only shares the words):
// emergency_dev.tsv and emergency_dev2.tsv (two writers), which the rules
// were tuned on (their misses are listed with NLU_ERRORS=1), and
// emergency_test.tsv, frozen and never tuned on (its
// misses are never listed). The floors are the figures measured when each
// set was committed, so that a change of rules that loses emergencies or
// raises false alarms fails here.
func TestEmergencySets(t *testing.T) {
	for _, set := range []struct {
		file                string
		minRecall, maxFalse float64
		listErrors          bool
	}{
		{"testdata/emergency_dev.tsv", 0.98, 0.01, true},
		{"testdata/emergency_dev2.tsv", 0.97, 0.02, true},
		{"testdata/emergency_test.tsv", 0.80, 0.08, false},
		{"testdata/emergency_test2.tsv", 0.87, 0.09, false},
	} {
		data, err := os.ReadFile(set.file)
		if err != nil {
			t.Fatal(err)
		}
		var found, missed, falseAlarm, quiet, wrongKind int
		for _, line := range strings.Split(string(data), "\n") {
			f := strings.Split(line, "\t")
			if len(f) != 2 || strings.HasPrefix(line, "#") {
				continue
			}
			kind := emergencyOf(textnorm.Normalize(f[0]))
			miss := ""
			switch {
			case f[1] != "none" && kind != "":
				found++
				if kind != f[1] && kind != EmergencyHelp {
					wrongKind++
					miss = "kind " + kind
				}
			case f[1] != "none":
				missed++
				miss = "missed"
			case kind != "":
				falseAlarm++
				miss = "false alarm " + kind
			default:
				quiet++
			}
			if miss != "" && set.listErrors && os.Getenv("NLU_ERRORS") != "" {
				t.Logf("%s: %s (%s) %s", set.file, miss, f[1], f[0])
			}
		}
		recall := float64(found) / float64(found+missed)
		falses := float64(falseAlarm) / float64(falseAlarm+quiet)
		t.Logf("%s: recall %.3f (%d of %d), false alarms %.3f (%d of %d), wrong kind %d",
			set.file, recall, found, found+missed, falses, falseAlarm, falseAlarm+quiet, wrongKind)
		if recall < set.minRecall || falses > set.maxFalse {
			t.Errorf("%s: recall %.3f (floor %.2f), false alarms %.3f (ceiling %.2f)", set.file, recall, set.minRecall, falses, set.maxFalse)
		}
	}
}
