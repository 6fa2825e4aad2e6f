package wechat

import (
	"encoding/json"
	"testing"
)

// FuzzHotStorePatch: the hot-login file, whatever it holds, is read without
// a panic, and a JSON file stays JSON after its cookies are patched.
func FuzzHotStorePatch(f *testing.F) {
	f.Add([]byte(`{"Jar":{"https://wx.qq.com":[{"Name":"webwx_data_ticket","Value":"dt1"}]},"WechatDomain":"wx.qq.com","BaseRequest":{"Uin":1}}`))
	f.Add([]byte(`{"Jar":{},"WechatDomain":""}`))
	f.Add([]byte(`{"Jar":null}`))
	f.Add([]byte(`not json`))
	f.Add([]byte(`{"Jar":{"https://wx.qq.com":[null]},"WechatDomain":"wx.qq.com"}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		h := &hotStore{}
		out := h.patch(data)
		if json.Valid(data) && !json.Valid(out) {
			t.Fatalf("patch turned JSON %q into %q", data, out)
		}
	})
}
