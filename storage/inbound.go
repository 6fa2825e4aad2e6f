package storage

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
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
	User      string       `json:"user,omitempty"`
	Contact   string       `json:"contact,omitempty"`
	Hint      string       `json:"hint,omitempty"`
	Text      string       `json:"text,omitempty"`
	Image     *linli.Media `json:"image,omitempty"` // Path set, Data nil
	Mentioned bool         `json:"mentioned,omitempty"`
	At        time.Time    `json:"at,omitzero"`
	Received  time.Time    `json:"received"`
	Started   bool         `json:"started,omitempty"`
}

// InboundDir is the directory beside the database file that holds the
// images of journaled messages until they are handled: "<db>.inbound".
func (db *DB) InboundDir() string { return db.Path() + ".inbound" }

// RecordInbound implements linli.InboundStore. An image with bytes is first
// written to a file of its own in InboundDir (named after the message id,
// so a redelivery rewrites the same file); the record refers to it by path,
// and CompleteInbound removes it. A report keeps its own copy (SaveMedia).
func (db *DB) RecordInbound(m linli.Message, at time.Time) (uint64, bool, error) {
	if m.ID == "" {
		return 0, false, errors.New("storage: record inbound: message without id")
	}
	rec := inboundRecord{ID: m.ID, Group: m.Group, Sender: m.Sender, Nickname: m.Nickname, User: m.User, Contact: m.Contact, Hint: m.Hint, Text: m.Text,
		Mentioned: m.Mentioned, At: m.At, Received: at}
	if img := m.Image; img != nil {
		copied := *img
		if len(img.Data) > 0 {
			path, err := db.writeInboundImage(m.ID, img)
			if err != nil {
				return 0, false, fmt.Errorf("storage: record inbound %q: %w", m.ID, err)
			}
			copied.Path, copied.Data = path, nil
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

// writeInboundImage writes img's bytes to InboundDir, through a temporary
// file and a rename, and syncs it: the record that refers to it is durable.
func (db *DB) writeInboundImage(id string, img *linli.Media) (string, error) {
	sum := sha256.Sum256([]byte(id))
	ext := strings.ToLower(filepath.Ext(img.Name))
	if !mediaExt.MatchString(ext) {
		ext = ".bin"
	}
	dir := db.InboundDir()
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return "", err
	}
	path := filepath.Join(dir, hex.EncodeToString(sum[:12])+ext)
	tmp, err := os.CreateTemp(dir, ".tmp-*")
	if err != nil {
		return "", err
	}
	defer os.Remove(tmp.Name()) // no-op after the rename
	if _, err := tmp.Write(img.Data); err != nil {
		tmp.Close()
		return "", err
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return "", err
	}
	if err := tmp.Close(); err != nil {
		return "", err
	}
	return path, os.Rename(tmp.Name(), path)
}

// PendingInbound implements linli.InboundStore.
func (db *DB) PendingInbound() ([]linli.InboundRecord, error) {
	var out []linli.InboundRecord
	err := db.view(func(tx *bbolt.Tx) error {
		return eachJSON(tx.Bucket(bucketInbound), func(k []byte, r *inboundRecord) error {
			out = append(out, linli.InboundRecord{Seq: btoi(k), Started: r.Started, Msg: linli.Message{
				ID: r.ID, Group: r.Group, Sender: r.Sender, Nickname: r.Nickname, User: r.User, Contact: r.Contact, Hint: r.Hint, Text: r.Text,
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
	var image string
	err := db.update(func(tx *bbolt.Tx) error {
		b := tx.Bucket(bucketInbound)
		image = ""
		if done != 0 {
			var r inboundRecord
			if found, _ := getJSON(b, itob(done), &r); found && r.Image != nil && filepath.Dir(r.Image.Path) == db.InboundDir() {
				image = r.Image.Path
			}
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
	if image != "" {
		os.Remove(image) // handled: a report has its own copy
	}
	return nil
}
