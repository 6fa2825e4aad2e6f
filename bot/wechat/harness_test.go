package wechat_test

import (
	"bytes"
	"context"
	"errors"
	"image"
	"image/color"
	"image/png"
	"log/slog"
	"path/filepath"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"linli"
	"linli/bot/wechat"
	"linli/bot/wxfake"
)

func community(auto bool) wxfake.Options {
	return wxfake.Options{
		Groups: []wxfake.Group{
			{Topic: g1, Members: []wxfake.Member{{NickName: "张阿姨", DisplayName: "3-502 张阿姨"}, {NickName: "李社工"}}},
			{Topic: staff, Members: []wxfake.Member{{NickName: "李社工"}}},
			{Topic: "广场舞群", Members: []wxfake.Member{{NickName: "张阿姨"}}},
		},
		Friends:     []wxfake.Friend{{NickName: "李社工", RemarkName: "李社工"}},
		AutoConfirm: auto,
		SyncHold:    300 * time.Millisecond, // an idle poll's answer confirms a session soon
	}
}

type event struct {
	up     bool
	reason string
}

// harness runs an Adapter against a fake and records what it reports.
type harness struct {
	t        *testing.T
	ctx      context.Context
	srv      *wxfake.Server
	a        *wechat.Adapter
	msgs     chan linli.Message
	sessions chan event
	qrs      chan string
	done     chan error
	stop     context.CancelFunc
	panics   atomic.Int32  // receive panics on this many messages
	refuse   atomic.Bool   // receive fails (cannot record) while set
	refused  chan struct{} // a receive call was refused
	once     sync.Once
	qrPNG    string
	logs     *syncBuffer
}

// syncBuffer collects log output from several goroutines.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.b.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.b.String()
}

// guard is the failure timeout: no test waits on it unless broken.
func guard(t *testing.T) context.Context {
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	t.Cleanup(cancel)
	return ctx
}

func newHarness(t *testing.T, ctx context.Context, srv *wxfake.Server, hot string) *harness {
	return newHarnessWith(t, ctx, srv, hot, nil)
}

// newHarnessWith is newHarness with options changed by adjust.
func newHarnessWith(t *testing.T, ctx context.Context, srv *wxfake.Server, hot string, adjust func(*wechat.Options)) *harness {
	h := &harness{t: t, ctx: ctx, srv: srv, msgs: make(chan linli.Message, 64),
		sessions: make(chan event, 16), qrs: make(chan string, 16), done: make(chan error, 1),
		refused: make(chan struct{}, 1),
		qrPNG:   filepath.Join(t.TempDir(), "qr.png"), logs: &syncBuffer{}}
	opts := wechat.Options{
		ServerURL:    srv.URL(),
		HotLoginFile: hot,
		QRCodePNG:    h.qrPNG,
		Logger:       slog.New(slog.NewTextHandler(h.logs, nil)),
		Groups:       []string{g1, staff},
		MediaDir:     t.TempDir(),
		RetryDelay:   10 * time.Millisecond,
	}
	if adjust != nil {
		adjust(&opts)
	}
	a, err := wechat.New(opts)
	if err != nil {
		t.Fatal(err)
	}
	h.a = a
	return h
}

// Receive implements linli.Inbox: it panics on the first h.panics
// messages and fails while h.refuse is set.
func (h *harness) Receive(m linli.Message) error {
	if h.panics.Add(-1) >= 0 {
		panic("engine bug")
	}
	if h.refuse.Load() {
		select {
		case h.refused <- struct{}{}:
		default:
		}
		return errors.New("disk full")
	}
	h.msgs <- m
	return nil
}

// Session implements linli.Inbox.
func (h *harness) Session(ev linli.SessionEvent) {
	switch ev.State {
	case linli.SessionUp:
		h.sessions <- event{true, ev.Reason}
	case linli.SessionDown:
		h.sessions <- event{false, ev.Reason}
	case linli.SessionScan:
		h.qrs <- ev.LoginURL
	}
}

func (h *harness) run() {
	ctx, cancel := context.WithCancel(h.ctx)
	h.stop = cancel
	go func() { h.done <- h.a.Serve(ctx, h) }()
	h.t.Cleanup(h.shutdown)
}

// shutdown cancels Run and checks that it returns nil.
func (h *harness) shutdown() {
	h.once.Do(func() {
		h.stop()
		select {
		case err := <-h.done:
			if err != nil {
				h.t.Errorf("Run: %v", err)
			}
		case <-h.ctx.Done():
			h.t.Error("Run did not return after cancel")
		}
	})
}

func (h *harness) session(want bool) event {
	h.t.Helper()
	select {
	case e := <-h.sessions:
		if e.up != want {
			h.t.Fatalf("OnSession(%v, %q), want up=%v", e.up, e.reason, want)
		}
		return e
	case <-h.ctx.Done():
		h.t.Fatalf("timed out waiting for OnSession(%v)", want)
	}
	return event{}
}

func (h *harness) next() linli.Message {
	h.t.Helper()
	select {
	case m := <-h.msgs:
		return m
	case <-h.ctx.Done():
		h.t.Fatal("timed out waiting for a message")
	}
	return linli.Message{}
}

func start(t *testing.T) *harness {
	ctx := guard(t)
	srv := wxfake.New(community(true))
	t.Cleanup(srv.Close)
	h := newHarness(t, ctx, srv, filepath.Join(t.TempDir(), "hot.json"))
	h.run()
	h.session(true)
	return h
}

func pngBytes(t *testing.T) []byte {
	img := image.NewRGBA(image.Rect(0, 0, 16, 16))
	img.Set(3, 4, color.RGBA{G: 255, A: 255})
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}
