package web

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"sort"
	"strconv"
	"strings"
	"time"

	"linli"
)

// The owners' register (业主名册) from the 居民与户 page: upload a file, see
// what would change, confirm. The rows are checked by linli.ParseRegister,
// the rules of `linli import households`; a file with any bad row cannot
// be confirmed (the CLI imports nothing then either). Confirming replaces
// the register through RegisterService.ReplaceRegister, as the CLI does.
// Phone numbers are only ever shown masked (****5678).

const (
	previewRows     = 300              // rows of each part of a preview shown on the page
	maxRegisterFile = 5 << 20          // bytes of an uploaded register
	importTTL       = 30 * time.Minute // a preview can be confirmed this long
)

// registerImport is an upload waiting for confirmation, kept in the
// session that uploaded it.
type registerImport struct {
	id      string // in the confirm form: the preview confirmed is this one
	file    string
	entries []linli.RegisterEntry
	bad     []linli.RegisterProblem
	base    string // fingerprint of the register the preview compared with
	at      time.Time
	preview registerPreview
}

// registerPreview is what an import would change.
type registerPreview struct {
	New, Changed, Same, Removed []previewRow
	Problems                    []linli.RegisterProblem
}

// previewRow is one household of the preview; Was* are the register's
// values before, for a changed household.
type previewRow struct {
	Household, Owner, Area, Phone string
	WasOwner, WasArea, WasPhone   string
}

// registerUpload reads the uploaded file, checks every row and keeps the
// result for registerPreviewPage (a redirect: reloading the preview does
// not upload again).
func (s *Server) registerUpload(w http.ResponseWriter, r *http.Request, sess *session) {
	if s.Owners == nil || s.ReadTable == nil {
		s.setFlash(sess, textRegisterOff, true)
		http.Redirect(w, r, "/residents", http.StatusSeeOther)
		return
	}
	name, data, ok := uploadedFile(r, "register")
	if !ok || len(data) == 0 {
		problem := textRegisterNoFile
		if ok {
			problem = textRegisterEmpty(name)
		}
		s.setFlash(sess, problem, true)
		http.Redirect(w, r, "/residents", http.StatusSeeOther)
		return
	}
	rows, err := s.ReadTable(name, data)
	if err == nil {
		var imp registerImport
		imp.entries, imp.bad, err = linli.ParseRegister(rows)
		if err == nil {
			err = s.keepImport(sess, name, imp)
		}
	}
	if err != nil {
		if linli.ErrorCode(err) == linli.EInternal {
			s.log.Error("register upload failed", "who", sess.access.Who, "file", name, "err", err)
		}
		s.log.Info("register upload refused", "who", sess.access.Who, "file", name, "err", linli.ErrorMessage(err))
		s.setFlash(sess, linli.ErrorMessage(err), true)
		http.Redirect(w, r, "/residents", http.StatusSeeOther)
		return
	}
	http.Redirect(w, r, "/residents/register", http.StatusSeeOther)
}

// keepImport compares imp with the register and keeps it in sess.
func (s *Server) keepImport(sess *session, name string, imp registerImport) error {
	current, err := s.Owners.RegisterEntries()
	if err != nil {
		return err
	}
	id, err := randomToken()
	if err != nil {
		return err
	}
	imp.id, imp.file, imp.at, imp.base = id, name, s.Clock.Now(), fingerprint(current)
	imp.preview = comparePreview(current, imp.entries, imp.bad)
	p := imp.preview
	s.log.Info("register upload previewed", "who", sess.access.Who, "file", name, "new", len(p.New), "changed", len(p.Changed),
		"unchanged", len(p.Same), "removed", len(p.Removed), "refused_rows", len(p.Problems))
	s.mu.Lock()
	defer s.mu.Unlock()
	if ss, ok := s.sessions[sess.id]; ok {
		ss.regImport = &imp
	}
	return nil
}

// uploadedFile returns the name and bytes of the form's file field, false
// when none was chosen (a browser sends an empty part without a name);
// a chosen file may be empty.
func uploadedFile(r *http.Request, field string) (string, []byte, bool) {
	if r.MultipartForm == nil || len(r.MultipartForm.File[field]) == 0 {
		return "", nil, false
	}
	fh := r.MultipartForm.File[field][0]
	if fh.Filename == "" {
		return "", nil, false
	}
	if fh.Size == 0 {
		return fh.Filename, nil, true
	}
	f, err := fh.Open()
	if err != nil {
		return "", nil, false
	}
	defer f.Close()
	b, err := io.ReadAll(f)
	return fh.Filename, b, err == nil
}

// pendingImport returns sess's upload waiting for confirmation, nil if
// none (or too old).
func (s *Server) pendingImport(sess *session) *registerImport {
	s.mu.Lock()
	defer s.mu.Unlock()
	ss, ok := s.sessions[sess.id]
	if !ok || ss.regImport == nil {
		return nil
	}
	if s.Clock.Now().Sub(ss.regImport.at) > importTTL {
		ss.regImport = nil
		return nil
	}
	return ss.regImport
}

func (s *Server) dropImport(sess *session, id string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if ss, ok := s.sessions[sess.id]; ok && ss.regImport != nil && (id == "" || ss.regImport.id == id) {
		ss.regImport = nil
	}
}

// registerPreviewPage shows what the upload would change.
func (s *Server) registerPreviewPage(w http.ResponseWriter, r *http.Request, sess *session) {
	imp := s.pendingImport(sess)
	if imp == nil {
		w.WriteHeader(http.StatusNotFound)
		s.render(w, r, sess, "message", "名册导入", map[string]any{"Text": textRegisterNoPrev})
		return
	}
	p := imp.preview
	counts := map[string]int{"New": len(p.New), "Changed": len(p.Changed), "Same": len(p.Same), "Removed": len(p.Removed), "Problems": len(p.Problems)}
	shown := registerPreview{New: cut(p.New), Changed: cut(p.Changed), Same: cut(p.Same), Removed: cut(p.Removed), Problems: cut(p.Problems)}
	s.render(w, r, sess, "register", "名册导入预览", map[string]any{"File": imp.file, "ID": imp.id, "P": shown, "N": counts,
		"Flash": s.takeFlash(sess), "Households": len(imp.entries), "Area": formatTotal(sumArea(imp.entries)),
		"CanApply": len(p.Problems) == 0, "Refusal": textRegisterBad, "Shown": previewRows})
}

// registerConfirm applies the upload previewed, if the register has not
// changed since the preview.
func (s *Server) registerConfirm(w http.ResponseWriter, r *http.Request, sess *session) {
	imp := s.pendingImport(sess)
	if imp == nil || imp.id != r.PostFormValue("import") {
		s.setFlash(sess, textRegisterNoPrev, true)
		http.Redirect(w, r, "/residents", http.StatusSeeOther)
		return
	}
	if len(imp.bad) > 0 {
		s.setFlash(sess, linli.ErrorMessage(linli.RegisterProblemsError(imp.bad)), true)
		http.Redirect(w, r, "/residents/register", http.StatusSeeOther)
		return
	}
	current, err := s.Owners.RegisterEntries()
	if err != nil {
		s.fail(w, r, sess, err)
		return
	}
	if fingerprint(current) != imp.base {
		s.dropImport(sess, imp.id)
		s.log.Warn("register import refused: changed since the preview", "who", sess.access.Who, "file", imp.file)
		s.setFlash(sess, textRegisterStale, true)
		http.Redirect(w, r, "/residents", http.StatusSeeOther)
		return
	}
	if err := s.Owners.ReplaceRegister(imp.entries); err != nil {
		if linli.ErrorCode(err) == linli.EInternal {
			s.fail(w, r, sess, err)
			return
		}
		s.setFlash(sess, linli.ErrorMessage(err), true)
		http.Redirect(w, r, "/residents", http.StatusSeeOther)
		return
	}
	s.dropImport(sess, imp.id)
	p := imp.preview
	s.log.Info("register imported", "who", sess.access.Who, "role", sess.access.Role.String(), "file", imp.file,
		"households", len(imp.entries), "new", len(p.New), "changed", len(p.Changed), "removed", len(p.Removed))
	s.setFlash(sess, fmt.Sprintf("已导入业主名册：%d户，总建筑面积 %s㎡（新增%d户，变更%d户，未变%d户，移除%d户）。以后「绑定」要与名册核对，一户一票和双三分之二投票只计核实过的户。",
		len(imp.entries), formatTotal(sumArea(imp.entries)), len(p.New), len(p.Changed), len(p.Same), len(p.Removed)), false)
	http.Redirect(w, r, "/residents", http.StatusSeeOther)
}

// registerCancel forgets the upload.
func (s *Server) registerCancel(w http.ResponseWriter, r *http.Request, sess *session) {
	s.dropImport(sess, "")
	s.setFlash(sess, textRegisterCancel, false)
	http.Redirect(w, r, "/residents", http.StatusSeeOther)
}

// comparePreview sorts the upload's households into new, changed and
// unchanged against the register, and the register's households the
// upload no longer has (an import replaces the register whole).
func comparePreview(current, next []linli.RegisterEntry, bad []linli.RegisterProblem) registerPreview {
	was := map[string]linli.RegisterEntry{}
	for _, e := range current {
		was[e.Household] = e
	}
	p := registerPreview{Problems: bad}
	seen := map[string]bool{}
	for _, e := range next {
		seen[e.Household] = true
		row := previewRow{Household: e.Household, Owner: e.Owner, Area: formatArea(e.Area), Phone: maskPhone(e.Phone)}
		old, ok := was[e.Household]
		switch {
		case !ok:
			p.New = append(p.New, row)
		case old == e:
			p.Same = append(p.Same, row)
		default:
			if old.Owner != e.Owner {
				row.WasOwner = old.Owner
			}
			if old.Area != e.Area {
				row.WasArea = formatArea(old.Area)
			}
			if old.Phone != e.Phone {
				row.WasPhone = maskPhone(old.Phone)
				if row.WasPhone == "" {
					row.WasPhone = "（无）"
				}
			}
			p.Changed = append(p.Changed, row)
		}
	}
	for _, e := range current {
		if !seen[e.Household] {
			p.Removed = append(p.Removed, previewRow{Household: e.Household, Owner: e.Owner, Area: formatArea(e.Area), Phone: maskPhone(e.Phone)})
		}
	}
	for _, l := range [][]previewRow{p.New, p.Changed, p.Same, p.Removed} {
		sort.Slice(l, func(i, j int) bool { return householdLess(l[i].Household, l[j].Household) })
	}
	return p
}

// fingerprint identifies the register's content.
func fingerprint(entries []linli.RegisterEntry) string {
	sorted := append([]linli.RegisterEntry(nil), entries...)
	sort.Slice(sorted, func(i, j int) bool { return sorted[i].Household < sorted[j].Household })
	b, _ := json.Marshal(sorted)
	h := sha256.Sum256(b)
	return hex.EncodeToString(h[:])
}

// maskPhone shows a phone number as its last four digits (****5678),
// whatever its form; "" stays "".
func maskPhone(p string) string {
	var digits []rune
	for _, r := range p {
		if r >= '0' && r <= '9' || r >= '０' && r <= '９' {
			digits = append(digits, r)
		}
	}
	switch {
	case strings.TrimSpace(p) == "":
		return ""
	case len(digits) < 7:
		return "****"
	}
	return "****" + string(digits[len(digits)-4:])
}

func sumArea(entries []linli.RegisterEntry) float64 {
	a := 0.0
	for _, e := range entries {
		a += e.Area
	}
	return a
}

func formatArea(a float64) string { return strconv.FormatFloat(a, 'f', -1, 64) }

// formatTotal writes a sum of areas as the CLI does (387.80).
func formatTotal(a float64) string { return strconv.FormatFloat(a, 'f', 2, 64) }

// cut keeps the first previewRows of l (the page says how many more).
func cut[T any](l []T) []T { return l[:min(len(l), previewRows)] }
