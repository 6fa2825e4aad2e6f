package wechat

import (
	"context"
	"errors"
	"fmt"
	"math"
	"net"
	"syscall"
	"time"
)

// networkTrouble says in plain Chinese why WeChat's servers could not be
// reached when err is a network failure (refused, unreachable, a failed
// DNS lookup, a timeout), so an operator reads "无法连接微信服务器（域名解析
// 失败）" instead of a Go error. ok is false for every other error (WeChat
// answered, but refused the login).
func networkTrouble(err error) (why string, ok bool) {
	var dns *net.DNSError
	var ne net.Error
	switch {
	case err == nil:
		return "", false
	case errors.As(err, &dns):
		return "域名解析失败，请检查网络或 DNS 设置", true
	case errors.Is(err, syscall.ECONNREFUSED):
		return "连接被拒绝", true
	case errors.Is(err, syscall.ENETUNREACH), errors.Is(err, syscall.EHOSTUNREACH):
		return "网络不通", true
	case errors.Is(err, syscall.ECONNRESET), errors.Is(err, syscall.EPIPE):
		return "连接被中断", true
	case errors.Is(err, context.DeadlineExceeded), errors.As(err, &ne) && ne.Timeout():
		return "连接超时", true
	}
	var op *net.OpError
	if errors.As(err, &op) {
		return "网络错误", true
	}
	return "", false
}

// unreachable is the operator's line for a network failure: "无法连接微信
// 服务器（连接被拒绝），5 秒后重试".
func unreachable(why string, retryIn time.Duration) string {
	return fmt.Sprintf("无法连接微信服务器（%s），%d 秒后重试", why, int(math.Ceil(retryIn.Seconds())))
}
