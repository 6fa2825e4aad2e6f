package linli_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os/exec"
	"slices"
	"strings"
	"testing"
)

// The import rules of docs/ARCHITECTURE.md and CONVENTIONS.md, checked by
// TestArchitecture against what `go list` says each package of the module
// imports (its own files and its tests).

// module is the path of this module; a pattern "linli/x/..." matches
// linli/x and every package below it.
const module = "linli"

// sharedHandlerLeaves are the packages under linli/handlers/ that command
// families may import: shared helpers, not families. Everything else under
// linli/handlers/ is a family, and a family never imports another family.
// A leaf imports no family. Add a package here only if it holds no
// commands of its own.
var sharedHandlerLeaves = []string{
	"linli/handlers/export", // xlsx/csv/json writing (the only excelize importer)
	"linli/handlers/zhtime", // Chinese times and recurrences
	"linli/handlers/tell",   // telling a person or the staff, naming groups: shared by the families
}

// owners says, for each third-party module whose use is confined, which
// packages may import it (or one of its packages).
var owners = []struct {
	dep    string   // module path; matches its packages too
	owners []string // patterns
	why    string
}{
	{"go.etcd.io/bbolt", []string{"linli/storage"}, "only storage knows the database"},
	{"github.com/yanyiwu/gojieba", []string{"linli/nlu/..."}, "only nlu (and its internal tools) segments Chinese"},
	{"github.com/eatmoreapple/openwechat", []string{"linli/bot/wechat", "linli/bot/wxfake"}, "only the WeChat adapter and the fake server speak the protocol"},
	{"github.com/robfig/cron", []string{"linli/scheduler"}, "only the scheduler parses schedule specs"},
	{"github.com/xuri/excelize", []string{"linli/handlers/export"}, "only the export package writes xlsx"},
}

// testExceptions are imports that a package's tests (not its code) may make
// against the rules above, with the reason.
var testExceptions = []struct {
	pkg, dep, why string
}{
	{"linli/cmd/linli", "github.com/xuri/excelize", "reads back the .xlsx that 导出 sends"},
}

// components never import one another; cmd/linli wires them.
// The staff workbench (linli/web) is one of them: it reads through the
// root's services and acts through the engine as an interface it declares.
var components = []string{"linli/bot/...", "linli/handlers/...", "linli/scheduler/...", "linli/storage/...", "linli/nlu/...", "linli/web/..."}

// listedPackage is what TestArchitecture reads of `go list -json`.
type listedPackage struct {
	ImportPath   string
	Standard     bool
	ForTest      string
	Module       *struct{ Main bool }
	Imports      []string
	TestImports  []string
	XTestImports []string
}

// anImport is one import of a module package: from its code, its tests in
// the package, or its external tests (package x_test).
type anImport struct {
	pkg, path   string
	test, xtest bool
}

func TestArchitecture(t *testing.T) {
	pkgs, std := listPackages(t)
	var imports []anImport
	for _, p := range pkgs {
		for _, i := range p.Imports {
			imports = append(imports, anImport{pkg: p.ImportPath, path: i})
		}
		for _, i := range p.TestImports {
			imports = append(imports, anImport{pkg: p.ImportPath, path: i, test: true})
		}
		for _, i := range p.XTestImports {
			if i != p.ImportPath {
				imports = append(imports, anImport{pkg: p.ImportPath, path: i, test: true, xtest: true})
			}
		}
	}
	check := func(t *testing.T, rule func(anImport) string) {
		for _, i := range imports {
			if msg := rule(i); msg != "" {
				from := i.pkg
				if i.test {
					from += " (tests)"
				}
				t.Errorf("%s imports %s: %s", from, i.path, msg)
			}
		}
	}

	t.Run("root imports only the standard library", func(t *testing.T) {
		check(t, func(i anImport) string {
			// The root's external tests (package linli_test, like this
			// one) are another package and may use the module's fakes.
			if i.pkg != module || i.xtest || std[i.path] {
				return ""
			}
			return "the root package holds domain types and interfaces and imports only the standard library"
		})
	})
	for _, o := range owners {
		t.Run("only "+strings.Join(o.owners, ", ")+" import "+o.dep, func(t *testing.T) {
			check(t, func(i anImport) string {
				if !within(i.path, o.dep) || matchesAny(i.pkg, o.owners) || i.test && testException(i.pkg, o.dep) {
					return ""
				}
				return fmt.Sprintf("only %s may import %s (%s)", strings.Join(o.owners, ", "), o.dep, o.why)
			})
		})
	}
	t.Run("command families do not import each other", func(t *testing.T) {
		check(t, func(i anImport) string {
			from, to := family(i.pkg), family(i.path)
			switch {
			case to == "" || from == to:
				return ""
			case isSharedLeaf(i.pkg):
				return fmt.Sprintf("a shared leaf (sharedHandlerLeaves) imports no family, and %s is one", to)
			case from != "":
				return fmt.Sprintf("families under linli/handlers/ do not import each other (%s is another family; shared code goes in a package of sharedHandlerLeaves)", to)
			}
			return ""
		})
	})
	t.Run("bot, handlers, scheduler, storage and nlu do not import each other", func(t *testing.T) {
		check(t, func(i anImport) string {
			from, to := component(i.pkg), component(i.path)
			if from == "" || to == "" || from == to {
				return ""
			}
			// Family tests parse real resident words with nlu.Words() (the
			// Lexicon without the segmenter); their code asks linli.Lexicon.
			if i.test && from == "linli/handlers/..." && to == "linli/nlu/..." {
				return ""
			}
			return fmt.Sprintf("%s must not import %s: components talk through the root's interfaces and cmd/linli wires them", strings.TrimSuffix(from, "/..."), strings.TrimSuffix(to, "/..."))
		})
	})
}

// listPackages runs `go list -deps -test -json ./...` and returns the
// module's packages and which import paths are in the standard library.
func listPackages(t *testing.T) ([]listedPackage, map[string]bool) {
	t.Helper()
	goTool, err := exec.LookPath("go")
	if err != nil {
		t.Fatalf("the architecture test needs the go command: %v", err)
	}
	var stdout, stderr bytes.Buffer
	cmd := exec.Command(goTool, "list", "-deps", "-test", "-json", "./...")
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("go list: %v\n%s", err, stderr.String())
	}
	var pkgs []listedPackage
	std := map[string]bool{}
	dec := json.NewDecoder(&stdout)
	for {
		var p listedPackage
		if err := dec.Decode(&p); errors.Is(err, io.EOF) {
			break
		} else if err != nil {
			t.Fatalf("go list output: %v", err)
		}
		path, _, variant := strings.Cut(p.ImportPath, " ") // "p [q.test]"
		std[path] = std[path] || p.Standard
		if !variant && p.ForTest == "" && p.Module != nil && p.Module.Main && !strings.HasSuffix(path, ".test") {
			pkgs = append(pkgs, p)
		}
	}
	if len(pkgs) < 5 || !slices.ContainsFunc(pkgs, func(p listedPackage) bool { return p.ImportPath == module }) {
		t.Fatalf("go list found %d packages of the module, not the module itself", len(pkgs))
	}
	return pkgs, std
}

// within reports whether path is pkg or below it.
func within(path, pkg string) bool { return path == pkg || strings.HasPrefix(path, pkg+"/") }

// matches reports whether path matches pattern ("x/..." matches x and
// below; anything else only itself).
func matches(path, pattern string) bool {
	if base, ok := strings.CutSuffix(pattern, "/..."); ok {
		return within(path, base)
	}
	return path == pattern
}

func matchesAny(path string, patterns []string) bool {
	return slices.ContainsFunc(patterns, func(p string) bool { return matches(path, p) })
}

func testException(pkg, dep string) bool {
	return slices.ContainsFunc(testExceptions, func(e struct{ pkg, dep, why string }) bool {
		return e.pkg == pkg && e.dep == dep
	})
}

func isSharedLeaf(pkg string) bool {
	return slices.ContainsFunc(sharedHandlerLeaves, func(l string) bool { return within(pkg, l) })
}

// family returns the command family that pkg belongs to: linli/handlers/x
// for a package at or below it that is no shared leaf (and linli/handlers
// for the package itself, while it holds commands); "" for other packages.
func family(pkg string) string {
	const handlers = module + "/handlers"
	if !within(pkg, handlers) || isSharedLeaf(pkg) {
		return ""
	}
	if pkg == handlers {
		return handlers
	}
	name, _, _ := strings.Cut(strings.TrimPrefix(pkg, handlers+"/"), "/")
	return handlers + "/" + name
}

// component returns the pattern of components that pkg belongs to, or "".
func component(pkg string) string {
	for _, c := range components {
		if matches(pkg, c) {
			return c
		}
	}
	return ""
}
