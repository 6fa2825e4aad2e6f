package handlers

import (
	"linli"
	"linli/handlers/export"
)

// exports lists every family's export kinds (registerExports, routes.go).
func (h *Handlers) exports() []linli.Export {
	m := map[string]exporter{}
	h.registerExports(m)
	var out []linli.Export
	for _, kind := range linli.ExportKinds {
		if ex, ok := m[kind]; ok {
			out = append(out, linli.Export{Kind: kind, Table: ex})
		}
	}
	return out
}

// exporter builds one kind of export table.
type exporter func() (*linli.Table, error)

// XLSX renders t as an .xlsx file in memory, for 导出 commands.
func (h *Handlers) XLSX(t *linli.Table) ([]byte, error) { return export.XLSX(t, h.Config.Location) }
