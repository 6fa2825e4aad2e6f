package bot

import (
	"context"
	"fmt"
	"log/slog"
	"runtime/debug"

	"linli"
)

// Recover turns a panic in a handler into an internal error (logged with
// its stack) so one bad message never takes the bot down.
func Recover(log *slog.Logger) linli.Middleware {
	return func(next linli.HandlerFunc) linli.HandlerFunc {
		return func(ctx context.Context, req *linli.Request) (err error) {
			defer func() {
				if p := recover(); p != nil {
					log.Error("处理消息时程序出错（已恢复）", "panic", p, "text", req.Msg.Norm, "stack", string(debug.Stack()))
					err = fmt.Errorf("panic: %v", p)
				}
			}()
			return next(ctx, req)
		}
	}
}

// Logging logs each routed message at debug level with its outcome.
func Logging(log *slog.Logger) linli.Middleware {
	return func(next linli.HandlerFunc) linli.HandlerFunc {
		return func(ctx context.Context, req *linli.Request) error {
			err := next(ctx, req)
			log.Debug("message", "group", req.Msg.Group, "sender", req.Msg.Sender,
				"role", req.Msg.Role.String(), "command", req.Command, "err", err)
			return err
		}
	}
}
