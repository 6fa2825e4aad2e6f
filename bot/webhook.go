package bot

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"time"
)

// Webhook sends out-of-band alerts as an HTTP POST of a JSON text message,
// {"msgtype":"text","text":{"content":"…"}}, which a WeCom (企业微信) group
// robot accepts as is. It is for what staff must learn when the bot cannot
// tell them itself (WeChat needs a new QR scan).
type Webhook struct {
	URL     string
	Client  *http.Client // default: a client with a 10 s timeout
	Log     *slog.Logger
	Timeout time.Duration // per alert, retries included; default 30 s
}

// webhookMessage is the body a WeCom group robot takes.
type webhookMessage struct {
	MsgType string `json:"msgtype"`
	Text    struct {
		Content string `json:"content"`
	} `json:"text"`
}

// Post sends text in the background (it never blocks its caller, which may
// be the platform's receive loop) and logs the outcome.
func (w *Webhook) Post(text string) {
	go func() {
		timeout := w.Timeout
		if timeout <= 0 {
			timeout = 30 * time.Second
		}
		ctx, cancel := context.WithTimeout(context.Background(), timeout)
		defer cancel()
		if err := w.Send(ctx, text); err != nil {
			w.logger().Error("外部告警发送失败", "err", err)
			return
		}
		w.logger().Info("外部告警已发送")
	}()
}

// Send posts text now. A WeCom robot answers 200 with {"errcode":0}; any
// other status or errcode is an error.
func (w *Webhook) Send(ctx context.Context, text string) error {
	var msg webhookMessage
	msg.MsgType, msg.Text.Content = "text", text
	body, err := json.Marshal(msg)
	if err != nil {
		return err
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, w.URL, bytes.NewReader(body))
	if err != nil {
		return fmt.Errorf("webhook: %w", err)
	}
	req.Header.Set("Content-Type", "application/json")
	client := w.Client
	if client == nil {
		client = &http.Client{Timeout: 10 * time.Second}
	}
	resp, err := client.Do(req)
	if err != nil {
		return fmt.Errorf("webhook: %w", err)
	}
	defer resp.Body.Close()
	reply, _ := io.ReadAll(io.LimitReader(resp.Body, 4096))
	if resp.StatusCode/100 != 2 {
		return fmt.Errorf("webhook: %s: %s", resp.Status, reply)
	}
	var ans struct {
		ErrCode *int   `json:"errcode"`
		ErrMsg  string `json:"errmsg"`
	}
	if json.Unmarshal(reply, &ans) == nil && ans.ErrCode != nil && *ans.ErrCode != 0 {
		return fmt.Errorf("webhook: errcode %d: %s", *ans.ErrCode, ans.ErrMsg)
	}
	return nil
}

func (w *Webhook) logger() *slog.Logger {
	if w.Log == nil {
		return slog.New(slog.DiscardHandler)
	}
	return w.Log.With("component", "alert")
}
