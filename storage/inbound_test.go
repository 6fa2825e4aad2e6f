package storage

import (
	"bytes"
	"os"
	"testing"

	"linli"
)

func TestInboundJournal(t *testing.T) {
	db, _ := newTestDB(t)
	photo := []byte("\x89PNG fake photo")
	msgs := []linli.Message{
		{ID: "a", Group: "群", Sender: "3-502 张阿姨", Nickname: "张阿姨", Text: "报名 1", Mentioned: true, At: t0},
		{ID: "b", Sender: "王叔", Image: &linli.Media{Name: "b.png", Kind: linli.MediaImage, Data: photo}, At: t0},
		{ID: "a", Group: "群", Sender: "3-502 张阿姨", Text: "报名 1"}, // redelivered
	}
	var seqs []uint64
	for i, m := range msgs {
		seq, first, err := db.RecordInbound(m, t0)
		if err != nil {
			t.Fatal(err)
		}
		if first != (i < 2) {
			t.Fatalf("message %d: first = %v", i, first)
		}
		if first {
			seqs = append(seqs, seq)
		}
	}
	if first, _ := db.MarkSeen("a", t0); first {
		t.Error("a recorded message's id is not marked seen")
	}
	db = reopen(t, db) // a crash before handling
	pending, err := db.PendingInbound()
	if err != nil || len(pending) != 2 {
		t.Fatalf("pending = %+v, %v", pending, err)
	}
	if m := pending[0].Msg; pending[0].Seq != seqs[0] || m.Text != "报名 1" || m.Nickname != "张阿姨" || !m.Mentioned || !m.At.Equal(t0) {
		t.Errorf("first record = %+v", pending[0])
	}
	img := pending[1].Msg.Image
	if img == nil || img.Data != nil || img.Kind != linli.MediaImage {
		t.Fatalf("image record = %+v, want a path without bytes", img)
	}
	if data, err := os.ReadFile(img.Path); err != nil || !bytes.Equal(data, photo) {
		t.Fatalf("image file = %q, %v", data, err)
	}
	if pending[0].Started || pending[1].Started {
		t.Fatal("records start as not started")
	}
	if err := db.CompleteInbound(0, seqs[0]); err != nil { // handling the first begins
		t.Fatal(err)
	}
	if err := db.CompleteInbound(seqs[0], seqs[1]); err != nil { // done; the next begins
		t.Fatal(err)
	}
	if p, _ := db.PendingInbound(); len(p) != 1 || p[0].Seq != seqs[1] || !p[0].Started {
		t.Fatalf("pending = %+v, want the second, started", p)
	}
	if err := db.CompleteInbound(seqs[1], 0); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(img.Path); !os.IsNotExist(err) {
		t.Errorf("the journaled image outlived its message: %v", err)
	}
	if entries, _ := os.ReadDir(db.MediaDir()); len(entries) != 0 {
		t.Errorf("journaling an image put %d files in the media directory", len(entries))
	}
	if err := db.CompleteInbound(seqs[0], 0); err != nil {
		t.Fatalf("completing twice: %v", err)
	}
	if pending, _ := db.PendingInbound(); len(pending) != 0 {
		t.Fatalf("pending after completion = %+v", pending)
	}
}
