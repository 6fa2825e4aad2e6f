// Command mkdict regenerates the dictionaries embedded in package nlu from
// gojieba's (cppjieba's) dictionaries in the module cache.
//
// It copies hmm_model.utf8 and stop_words.utf8 as they are, writes
// jieba.dict.utf8 without the words whose frequency is below -min-freq (the
// rare entries cost most of the load time and memory and matter little for
// residents' chat), writes a tiny idf.utf8 (nlu never calls the TF-IDF
// keyword extractor, but cppjieba loads that file at start) and an empty
// user.dict.utf8 (the community dictionary is added word by word).
//
// Usage, from the module root:
//
//	go run ./nlu/internal/mkdict -out nlu/dict
package main

import (
	"bufio"
	"flag"
	"fmt"
	"io"
	"log"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/yanyiwu/gojieba"
)

func main() {
	src := flag.String("src", gojieba.DICT_DIR, "cppjieba dictionary directory to read")
	out := flag.String("out", "nlu/dict", "directory to write")
	minFreq := flag.Int("min-freq", 4, "drop jieba.dict.utf8 words with a lower frequency")
	flag.Parse()
	if err := run(*src, *out, *minFreq); err != nil {
		log.Fatal(err)
	}
}

func run(src, out string, minFreq int) error {
	for _, name := range []string{"hmm_model.utf8", "stop_words.utf8"} {
		if err := copyFile(filepath.Join(src, name), filepath.Join(out, name)); err != nil {
			return err
		}
	}
	kept, total, err := trimDict(filepath.Join(src, "jieba.dict.utf8"), filepath.Join(out, "jieba.dict.utf8"), minFreq)
	if err != nil {
		return err
	}
	// Two lines so that cppjieba's average idf is positive; never used.
	idf := "社区 5.0\n居民 5.0\n"
	if err := os.WriteFile(filepath.Join(out, "idf.utf8"), []byte(idf), 0o644); err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(out, "user.dict.utf8"), nil, 0o644); err != nil {
		return err
	}
	fmt.Printf("jieba.dict.utf8: kept %d of %d words (frequency >= %d)\n", kept, total, minFreq)
	return nil
}

func trimDict(from, to string, minFreq int) (kept, total int, err error) {
	in, err := os.Open(from)
	if err != nil {
		return 0, 0, err
	}
	defer in.Close()
	var b strings.Builder
	sc := bufio.NewScanner(in)
	for sc.Scan() {
		line := sc.Text()
		f := strings.Fields(line)
		if len(f) != 3 {
			return 0, 0, fmt.Errorf("%s: bad line %q", from, line)
		}
		total++
		n, err := strconv.Atoi(f[1])
		if err != nil {
			return 0, 0, fmt.Errorf("%s: bad frequency in %q", from, line)
		}
		if n < minFreq {
			continue
		}
		kept++
		b.WriteString(line)
		b.WriteByte('\n')
	}
	if err := sc.Err(); err != nil {
		return 0, 0, err
	}
	return kept, total, os.WriteFile(to, []byte(b.String()), 0o644)
}

func copyFile(from, to string) error {
	in, err := os.Open(from)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.OpenFile(to, os.O_CREATE|os.O_TRUNC|os.O_WRONLY, 0o644)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}
