package mock_test

import (
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// TestEveryRootInterfaceHasAFake: each interface the root package declares
// has a fake of the same name here with a compile-time check
// (`_ linli.X = (*X)(nil)`), so a new interface cannot be added without one.
func TestEveryRootInterfaceHasAFake(t *testing.T) {
	var ifaces []string
	for _, f := range parseDir(t, "..") {
		for _, d := range f.Decls {
			g, ok := d.(*ast.GenDecl)
			if !ok || g.Tok != token.TYPE {
				continue
			}
			for _, s := range g.Specs {
				ts := s.(*ast.TypeSpec)
				if _, ok := ts.Type.(*ast.InterfaceType); ok && ts.Name.IsExported() {
					ifaces = append(ifaces, ts.Name.Name)
				}
			}
		}
	}
	checked := map[string]bool{}
	for _, f := range parseDir(t, ".") {
		ast.Inspect(f, func(n ast.Node) bool {
			v, ok := n.(*ast.ValueSpec)
			if !ok || len(v.Names) != 1 || v.Names[0].Name != "_" {
				return true
			}
			if sel, ok := v.Type.(*ast.SelectorExpr); ok {
				if x, ok := sel.X.(*ast.Ident); ok && x.Name == "linli" {
					checked[sel.Sel.Name] = true
				}
			}
			return true
		})
	}
	if len(ifaces) < 10 {
		t.Fatalf("found only %d root interfaces (%v): the parse is wrong", len(ifaces), ifaces)
	}
	slices.Sort(ifaces)
	for _, name := range ifaces {
		if !checked[name] {
			t.Errorf("linli.%s has no fake in mock/ (a type %s with `var _ linli.%s = (*%s)(nil)`)", name, name, name, name)
		}
	}
}

func parseDir(t *testing.T, dir string) []*ast.File {
	t.Helper()
	names, err := filepath.Glob(filepath.Join(dir, "*.go"))
	if err != nil {
		t.Fatal(err)
	}
	var files []*ast.File
	fset := token.NewFileSet()
	for _, name := range names {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, name, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		files = append(files, f)
	}
	return files
}
