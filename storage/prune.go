package storage

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"time"

	"go.etcd.io/bbolt"

	"linli"
)

// Pruned says what Prune forgot.
type Pruned struct {
	Seen          int // message ids (dedupe)
	OutboxKeys    int // keys of outgoing messages completed
	PendingImages int // images sent without a 随手拍 that never joined one
	MediaFiles    int // image files no record refers to
	InboundFiles  int // journal images whose message is no longer journaled
}

// Prune does the periodic housekeeping, so that the database and the
// directories beside it grow with the community's records only: it
// forgets message ids, and the keys of outgoing messages completed, more
// than Retention before now; pending images that expired more than
// Retention before now; and removes the files of MediaDir and InboundDir
// older than Retention that no report, pending image, pending outgoing
// message or journaled message refers to. Callers (cmd/linli's daily
// housekeeping job) run it about once a day; it is safe at any time. It
// reads every report once, to know which images they keep.
func (db *DB) Prune(now time.Time) (Pruned, error) {
	var p Pruned
	var err error
	cutoff := now.Add(-Retention)
	if p.Seen, err = db.PruneSeen(cutoff); err != nil {
		return p, err
	}
	if p.OutboxKeys, err = db.PruneOutboxKeys(cutoff); err != nil {
		return p, err
	}
	keep := map[string]bool{}
	err = db.update(func(tx *bbolt.Tx) error {
		n, err := deleteWhere(tx.Bucket(bucketReportPending), func(_, v []byte) bool {
			var pi linli.PendingImages
			return jsonInto(v, &pi) && pi.Until.Before(cutoff)
		})
		p.PendingImages = n
		if err != nil {
			return err
		}
		return mediaInUse(tx, keep)
	})
	if err != nil {
		return p, fmt.Errorf("storage: prune: %w", err)
	}
	if p.MediaFiles, err = removeOldFiles(db.MediaDir(), cutoff, keep); err != nil {
		return p, fmt.Errorf("storage: prune media: %w", err)
	}
	if p.InboundFiles, err = removeOldFiles(db.InboundDir(), cutoff, keep); err != nil {
		return p, fmt.Errorf("storage: prune inbound images: %w", err)
	}
	return p, nil
}

// mediaInUse adds to keep the base names of the files records refer to.
func mediaInUse(tx *bbolt.Tx, keep map[string]bool) error {
	err := eachJSON(tx.Bucket(bucketReports), func(_ []byte, r *linli.Report) error {
		for _, f := range append(r.Images, r.ResolImages...) {
			keep[f] = true
		}
		return nil
	})
	if err != nil {
		return err
	}
	err = eachJSON(tx.Bucket(bucketReportPending), func(_ []byte, pi *linli.PendingImages) error {
		for _, f := range pi.Files {
			keep[f] = true
		}
		return nil
	})
	if err != nil {
		return err
	}
	err = eachJSON(tx.Bucket(bucketOutbox), func(_ []byte, out *linli.Outgoing) error {
		if out.Media != nil && out.Media.Path != "" {
			keep[filepath.Base(out.Media.Path)] = true
		}
		return nil
	})
	if err != nil {
		return err
	}
	return eachJSON(tx.Bucket(bucketInbound), func(_ []byte, r *inboundRecord) error {
		if r.Image != nil && r.Image.Path != "" {
			keep[filepath.Base(r.Image.Path)] = true
		}
		return nil
	})
}

// removeOldFiles removes the regular files of dir last modified before
// cutoff whose names keep does not hold, and says how many. A missing dir
// has nothing to remove.
func removeOldFiles(dir string, cutoff time.Time, keep map[string]bool) (int, error) {
	entries, err := os.ReadDir(dir)
	if errorsIsNotExist(err) {
		return 0, nil
	}
	if err != nil {
		return 0, err
	}
	n := 0
	for _, e := range entries {
		if !e.Type().IsRegular() || keep[e.Name()] {
			continue
		}
		info, err := e.Info()
		if err != nil {
			if errorsIsNotExist(err) {
				continue
			}
			return n, err
		}
		if !info.ModTime().Before(cutoff) {
			continue // a file just written may be about to be referred to
		}
		if err := os.Remove(filepath.Join(dir, e.Name())); err != nil && !errorsIsNotExist(err) {
			return n, err
		}
		n++
	}
	return n, nil
}

func errorsIsNotExist(err error) bool { return errors.Is(err, fs.ErrNotExist) }

// jsonInto decodes data into v and reports whether it could.
func jsonInto(data []byte, v any) bool { return json.Unmarshal(data, v) == nil }
