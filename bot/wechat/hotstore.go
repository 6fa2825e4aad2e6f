package wechat

import (
	"bytes"
	"encoding/json"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
)

// hotStore is the hot-login file (openwechat.HotReloadStorage). It fixes two
// gaps in openwechat v1.4.10's cookie handling:
//   - the saved jar keeps cookies per host without their Domain, so after a
//     hot login the webwx_data_ticket cookie (set for the whole wx.qq.com
//     domain) no longer reaches file.wx.qq.com and every upload fails with
//     "webwx_data_ticket not found": on reading, the API host's cookies get
//     their domain back (so a later login's cookies also replace them);
//   - a jar restored from JSON forgets its hosts, so the next save writes an
//     empty jar: on writing, an empty jar is replaced by the last good one.
//
// Writes replace the file atomically. Safe for concurrent use.
type hotStore struct {
	path string

	mu  sync.Mutex
	r   *bytes.Reader   // the file, as patched, being read by openwechat
	jar json.RawMessage // the last non-empty jar seen
}

// Read serves the file's contents, patched, as loaded on the first call.
func (h *hotStore) Read(p []byte) (int, error) {
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.r == nil {
		data, err := os.ReadFile(h.path)
		if err != nil {
			return 0, err // openwechat then falls back to a QR login
		}
		h.r = bytes.NewReader(h.patch(data))
	}
	return h.r.Read(p)
}

// patch makes the API host's cookies domain cookies again.
func (h *hotStore) patch(data []byte) []byte {
	var item map[string]json.RawMessage
	if json.Unmarshal(data, &item) != nil {
		return data
	}
	var domain string
	var jar map[string][]*http.Cookie
	if json.Unmarshal(item["WechatDomain"], &domain) != nil || json.Unmarshal(item["Jar"], &jar) != nil || domain == "" {
		return data
	}
	for host, cookies := range jar { // a damaged file's null cookies would crash the cookie jar
		jar[host] = slices.DeleteFunc(cookies, func(c *http.Cookie) bool { return c == nil })
	}
	for _, c := range jar["https://"+domain] {
		if c.Domain == "" {
			c.Domain = domain
		}
		if c.Path == "" {
			c.Path = "/"
		}
	}
	raw, err := json.Marshal(jar)
	if err != nil {
		return data
	}
	if len(jar) > 0 {
		h.jar = raw
	}
	item["Jar"] = raw
	out, err := json.Marshal(item)
	if err != nil {
		return data
	}
	return out
}

// Write saves one dump of the login state (openwechat writes it whole).
func (h *hotStore) Write(p []byte) (int, error) {
	h.mu.Lock()
	defer h.mu.Unlock()
	data := p
	var item map[string]json.RawMessage
	if json.Unmarshal(p, &item) == nil {
		jar := strings.TrimSpace(string(item["Jar"]))
		if jar == "" || jar == "{}" || jar == "null" {
			if h.jar != nil {
				item["Jar"] = h.jar
				if b, err := json.Marshal(item); err == nil {
					data = b
				}
			}
		} else {
			h.jar = json.RawMessage(jar)
		}
	}
	if err := writeAtomic(h.path, data); err != nil {
		return 0, err
	}
	return len(p), nil
}

func writeAtomic(path string, data []byte) error {
	dir := filepath.Dir(path)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return err
	}
	tmp, err := os.CreateTemp(dir, filepath.Base(path)+".tmp*")
	if err != nil {
		return err
	}
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		os.Remove(tmp.Name())
		return err
	}
	if err := tmp.Close(); err != nil {
		os.Remove(tmp.Name())
		return err
	}
	if err := os.Chmod(tmp.Name(), 0o600); err != nil {
		os.Remove(tmp.Name())
		return err
	}
	return os.Rename(tmp.Name(), path)
}
