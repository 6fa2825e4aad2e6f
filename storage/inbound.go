package storage

import (
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"time"

	"go.etcd.io/bbolt"

	"linli"
)

var _ linli.InboundStore = (*DB)(nil)

// bucketInbound is the journal of received messages not yet handled.
var bucketInbound = []byte("inbound")

// inboundRecord is what the journal keeps of a message: the fields an
// adapter sets, the image as a file.
type inboundRecord struct {
	ID        string       `json:"id"`
	Group     string       `json:"group,omitempty"`
	Sender    string       `json:"sender"`
	Nickname  string       `json:"nickname,omitempty"`
	Text      string       `json:"text,omitempty"`
	Image     *linli.Media `json:"image,omitempty"` // Path set, Data nil
	Mentioned bool         `json:"mentioned,omitempty"`
	At        time.Time    `json:"at,omitzero"`
	Received  time.Time    `json:"received"`
	Started   bool         `json:"started,omitempty"`
}

// RecordInbound implements linli.InboundStore. An image with bytes is saved
// into MediaDir first (SaveMedia: by content, so a redelivery keeps one
// file); the record refers to it by path.
func (db *DB) RecordInbound(m linli.Message, at time.Time) (uint64, bool, error) {
	if m.ID == "" {
		return 0, false, errors.New("storage: record inbound: message without id")
	}
	rec := inboundRecord{ID: m.ID, Group: m.Group, Sender: m.Sender, Nickname: m.Nickname, Text: m.Text,
		Mentioned: m.Mentioned, At: m.At, Received: at}
	if img := m.Image; img != nil {
		copied := *img
		if len(img.Data) > 0 {
			name, err := db.SaveMedia(img.Data, strings.ToLower(filepath.Ext(img.Name)))
			if err != nil {
				return 0, false, fmt.Errorf("storage: record inbound %q: %w", m.ID, err)
			}
			copied.Path, copied.Data = filepath.Join(db.MediaDir(), name), nil
		}
		rec.Image = &copied
	}
	var seq uint64
	var first bool
	err := db.update(func(tx *bbolt.Tx) (err error) {
		seq = 0
		if first, err = markSeenTx(tx, []byte(m.ID), at); err != nil || !first {
			return err
		}
		b, err := writeBucket(tx, bucketInbound)
		if err != nil {
			return err
		}
		if seq, err = nextID(b); err != nil {
			return err
		}
		return putJSON(b, itob(seq), &rec)
	})
	if err != nil {
		return 0, false, fmt.Errorf("storage: record inbound %q: %w", m.ID, err)
	}
	return seq, first, nil
}

// PendingInbound implements linli.InboundStore.
func (db *DB) PendingInbound() ([]linli.InboundRecord, error) {
	var out []linli.InboundRecord
	err := db.view(func(tx *bbolt.Tx) error {
		return eachJSON(tx.Bucket(bucketInbound), func(k []byte, r *inboundRecord) error {
			out = append(out, linli.InboundRecord{Seq: btoi(k), Started: r.Started, Msg: linli.Message{
				ID: r.ID, Group: r.Group, Sender: r.Sender, Nickname: r.Nickname, Text: r.Text,
				Image: r.Image, Mentioned: r.Mentioned, At: r.At}})
			return nil
		})
	})
	if err != nil {
		return nil, fmt.Errorf("storage: pending inbound: %w", err)
	}
	return out, nil
}

// CompleteInbound implements linli.InboundStore.
func (db *DB) CompleteInbound(done, next uint64) error {
	err := db.update(func(tx *bbolt.Tx) error {
		b := tx.Bucket(bucketInbound)
		if done != 0 {
			if err := deleteKey(b, itob(done)); err != nil {
				return err
			}
		}
		if next == 0 {
			return nil
		}
		var r inboundRecord
		found, err := getJSON(b, itob(next), &r)
		if err != nil || !found {
			return err
		}
		r.Started = true
		return putJSON(b, itob(next), &r)
	})
	if err != nil {
		return fmt.Errorf("storage: complete inbound %d (next %d): %w", done, next, err)
	}
	return nil
}
