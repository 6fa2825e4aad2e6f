//go:build !unix

package storage

import "os"

// mapFile reads the file at path where memory maps are not available.
func mapFile(path string) (data []byte, release func(), closeFn func(), err error) {
	data, err = os.ReadFile(path)
	if err != nil {
		return nil, nil, nil, err
	}
	return data, func() {}, func() {}, nil
}
