package nlu

import (
	"os"
	"testing"
)

var tempDirs []string

func tempCache() (string, error) {
	d, err := os.MkdirTemp("", "nlu-cache-")
	if err == nil {
		tempDirs = append(tempDirs, d)
	}
	return d, err
}

func TestMain(m *testing.M) {
	code := m.Run()
	if shared != nil {
		shared.Close()
	}
	for _, d := range tempDirs {
		os.RemoveAll(d)
	}
	os.Exit(code)
}
