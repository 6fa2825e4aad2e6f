package main

import (
	"reflect"
	"testing"

	"github.com/BurntSushi/toml"
)

func TestQuoteUnicodeKeys(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"bare key as in DESIGN.md",
			"[sla]\n安全隐患 = \"4h\"\n环境卫生=\"24h\"\ndefault = \"72h\"\n",
			"[sla]\n\"安全隐患\" = \"4h\"\n\"环境卫生\"=\"24h\"\ndefault = \"72h\"\n"},
		{"indented, CRLF",
			"[sla]\r\n  安全隐患 = \"4h\"\r\n",
			"[sla]\r\n  \"安全隐患\" = \"4h\"\r\n"},
		{"quoted and ASCII keys unchanged",
			"\"安全隐患\" = \"4h\"\n'环境卫生' = \"24h\"\ndb = \"linli.db\"\n",
			"\"安全隐患\" = \"4h\"\n'环境卫生' = \"24h\"\ndb = \"linli.db\"\n"},
		{"a string value that looks like a key",
			"note = \"安全隐患 = \\\"4h\\\"\"\nlit = '安全隐患 = \"4h\"'\n",
			"note = \"安全隐患 = \\\"4h\\\"\"\nlit = '安全隐患 = \"4h\"'\n"},
		{"multi-line basic string",
			"text = \"\"\"\n安全隐患 = \"4h\"\n环境卫生 = \\\"\"\"\n\"\"\"\n安全 = \"1h\"\n",
			"text = \"\"\"\n安全隐患 = \"4h\"\n环境卫生 = \\\"\"\"\n\"\"\"\n\"安全\" = \"1h\"\n"},
		{"multi-line literal string, closing with extra quotes",
			"text = '''\n安全隐患 = \"4h\"\n'''''\n安全 = \"1h\"\n",
			"text = '''\n安全隐患 = \"4h\"\n'''''\n\"安全\" = \"1h\"\n"},
		{"comments",
			"# 安全隐患 = \"4h\"\ndb = \"x\" # 环境卫生 = \"24h\"\n",
			"# 安全隐患 = \"4h\"\ndb = \"x\" # 环境卫生 = \"24h\"\n"},
		{"multi-line array of strings",
			"lines = [\n  \"安全隐患 = 4h\",\n  '环境 = 1',\n  安全,\n]\n安全 = 1\n",
			"lines = [\n  \"安全隐患 = 4h\",\n  '环境 = 1',\n  安全,\n]\n\"安全\" = 1\n"},
		{"dotted keys and table headers",
			"sla.安全隐患 = \"4h\"\n[units.物业]\n[[工单 . 类别]]\n",
			"sla.\"安全隐患\" = \"4h\"\n[units.\"物业\"]\n[[\"工单\" . \"类别\"]]\n"},
		{"inline tables, in arrays too",
			"units = { 物业 = \"王经理\", 供电 = '96', \"市政\" = 1 }\nl = [{ 名 = \"a\" }, { 名 = \"b = c\" }]\n",
			"units = { \"物业\" = \"王经理\", \"供电\" = '96', \"市政\" = 1 }\nl = [{ \"名\" = \"a\" }, { \"名\" = \"b = c\" }]\n"},
		{"byte order mark",
			"\ufeff安全 = 1\n",
			"\ufeff\"安全\" = 1\n"},
		{"unterminated string left alone",
			"a = \"安全 = 1\n安全 = 2\n",
			"a = \"安全 = 1\n\"安全\" = 2\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := quoteUnicodeKeys(tt.in); got != tt.want {
				t.Errorf("quoteUnicodeKeys(%q)\n got  %q\n want %q", tt.in, got, tt.want)
			}
		})
	}
}

// TestQuoteUnicodeKeysDecodes decodes a file with bare Chinese keys and
// strings that hold key-like text: the keys are read, the strings keep
// every byte.
func TestQuoteUnicodeKeysDecodes(t *testing.T) {
	src := `[sla]
安全隐患 = "4h"
环境卫生 = "24h"

[notice]
single = "安全隐患 = \"4h\""
multi = """
安全隐患 = "4h"
  环境卫生 = '24h'
"""
literal = '''
安全隐患 = "4h"'''
`
	var got map[string]map[string]string
	if _, err := toml.Decode(quoteUnicodeKeys(src), &got); err != nil {
		t.Fatal(err)
	}
	want := map[string]map[string]string{
		"sla": {"安全隐患": "4h", "环境卫生": "24h"},
		"notice": {
			"single":  `安全隐患 = "4h"`,
			"multi":   "安全隐患 = \"4h\"\n  环境卫生 = '24h'\n",
			"literal": `安全隐患 = "4h"`,
		},
	}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("decoded %q\nwant %q", got, want)
	}
}
