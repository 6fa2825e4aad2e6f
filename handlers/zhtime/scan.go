package zhtime

import "strings"

// scanner walks a normalised expression left to right. Every read either
// consumes what it recognises and reports true, or leaves pos unchanged.
type scanner struct {
	s   string
	pos int
}

func (p *scanner) done() bool   { return p.pos >= len(p.s) }
func (p *scanner) rest() string { return p.s[p.pos:] }

// space skips any spaces.
func (p *scanner) space() {
	for p.pos < len(p.s) && p.s[p.pos] == ' ' {
		p.pos++
	}
}

// lit consumes the first of words found at pos and returns it.
// List longer words before their prefixes.
func (p *scanner) lit(words ...string) (string, bool) {
	for _, w := range words {
		if strings.HasPrefix(p.rest(), w) {
			p.pos += len(w)
			return w, true
		}
	}
	return "", false
}

// digits reads between min and max ASCII digits (reading no more than max).
func (p *scanner) digits(min, max int) (val, n int, ok bool) {
	for n < max && p.pos+n < len(p.s) && p.s[p.pos+n] >= '0' && p.s[p.pos+n] <= '9' {
		val = val*10 + int(p.s[p.pos+n]-'0')
		n++
	}
	if n < min {
		return 0, 0, false
	}
	p.pos += n
	return val, n, true
}

var cnDigits = map[string]int{
	"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4,
	"五": 5, "六": 6, "七": 7, "八": 8, "九": 9,
}

// cnDigit reads one Chinese digit 零..九 (and 两).
func (p *scanner) cnDigit() (int, bool) {
	for w, v := range cnDigits {
		if strings.HasPrefix(p.rest(), w) {
			p.pos += len(w)
			return v, true
		}
	}
	return 0, false
}

// cnNumber reads a Chinese numeral from 0 to 99: 五, 十, 十五, 二十, 二十三,
// and, for minutes, 零五. zeroLed reports the 零五 form.
func (p *scanner) cnNumber() (val int, zeroLed, ok bool) {
	start := p.pos
	d, hasD := p.cnDigit()
	if _, ten := p.lit("十"); ten {
		tens := 1
		if hasD {
			if d == 0 {
				p.pos = start
				return 0, false, false
			}
			tens = d
		}
		val = tens * 10
		save := p.pos
		if u, ok := p.cnDigit(); ok && u > 0 {
			val += u
		} else {
			p.pos = save
		}
		return val, false, true
	}
	if !hasD {
		return 0, false, false
	}
	if d == 0 {
		save := p.pos
		if u, ok := p.cnDigit(); ok && u > 0 {
			return u, true, true
		}
		p.pos = save
	}
	return d, false, true
}

// number reads ASCII digits (at most maxDigits) or a Chinese numeral.
// short reports a value that was written with a single character and no
// leading zero ("5", "五"), which is ambiguous as a minute without 分.
func (p *scanner) number(maxDigits int) (val int, short, ok bool) {
	if v, n, ok := p.digits(1, maxDigits); ok {
		return v, n == 1, true
	}
	v, zeroLed, ok := p.cnNumber()
	if !ok {
		return 0, false, false
	}
	return v, v < 10 && !zeroLed, true
}

// try runs f and rewinds the scanner when f reports false.
func (p *scanner) try(f func() bool) bool {
	save := p.pos
	if f() {
		return true
	}
	p.pos = save
	return false
}
