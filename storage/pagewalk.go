package storage

import (
	"encoding/binary"
	"fmt"
)

// pageWalk checks, on the file's bytes, that every page bbolt's Check will
// read lies inside the file and that every key and value on those pages
// lies inside its page: bbolt's Check reads them through raw pointers on a
// goroutine of its own, where one bent offset faults the whole process.
// It follows bbolt's on-disk format (bbolt internal/common: page.go,
// meta.go), which has not changed since 2014. It stops at the first
// problem.
type pageWalk struct {
	data []byte // the file
	ps   int    // page size
	hwm  uint64 // pages the file has (the high-water mark)
	seen map[uint64]bool

	release func() // drops touched pages of a mapped file, every walkReleaseEvery pages; may be nil
	visited int
}

// walkReleaseEvery is how many pages the walk reads between releases of a
// mapped file's pages, so that checking a large file keeps memory flat.
const walkReleaseEvery = 4096

// Page layout: a 16-byte header (id u64, flags u16, count u16, overflow
// u32), then count elements of 16 bytes.
const (
	pageHeader   = 16
	elemSize     = 16
	branchPage   = 0x01
	leafPage     = 0x02
	freelistPage = 0x10
	bucketLeaf   = 0x01 // leaf element flag: the value is a bucket
	noFreelist   = ^uint64(0)
	bucketHeader = 16 // root u64, sequence u64
	maxDepth     = 64
)

// walkFile checks the tree whose root page is root and the freelist page
// (noFreelist for none).
// release, if not nil, is called every walkReleaseEvery pages.
func walkFile(data []byte, ps int, hwm, root, freelist uint64, release func()) error {
	w := &pageWalk{data: data, ps: ps, hwm: hwm, seen: map[uint64]bool{}, release: release}
	if freelist != noFreelist {
		if err := w.freelist(freelist); err != nil {
			return err
		}
	}
	return w.tree(root, 0)
}

// page returns page id with its overflow pages.
func (w *pageWalk) page(id uint64) ([]byte, error) {
	if id < 2 || id >= w.hwm {
		return nil, fmt.Errorf("页面 %d 超出文件范围（共 %d 页）", id, w.hwm)
	}
	if w.visited++; w.release != nil && w.visited%walkReleaseEvery == 0 {
		w.release()
	}
	off := id * uint64(w.ps)
	if off+pageHeader > uint64(len(w.data)) {
		return nil, fmt.Errorf("页面 %d 超出文件末尾", id)
	}
	size := (1 + uint64(binary.LittleEndian.Uint32(w.data[off+12:]))) * uint64(w.ps)
	if off+size > uint64(len(w.data)) {
		return nil, fmt.Errorf("页面 %d 的溢出页超出文件末尾", id)
	}
	return w.data[off : off+size], nil
}

func (w *pageWalk) freelist(id uint64) error {
	p, err := w.page(id)
	if err != nil {
		return fmt.Errorf("空闲页列表：%w", err)
	}
	if flags := binary.LittleEndian.Uint16(p[8:]); flags != freelistPage {
		return fmt.Errorf("页面 %d 应是空闲页列表，类型却是 %#x", id, flags)
	}
	count, start := uint64(binary.LittleEndian.Uint16(p[10:])), uint64(pageHeader)
	if count == 0xFFFF { // the real count is the first element
		if len(p) < pageHeader+8 {
			return fmt.Errorf("空闲页列表 %d 太短", id)
		}
		count, start = binary.LittleEndian.Uint64(p[pageHeader:]), pageHeader+8
	}
	if count > uint64(len(p)) || start+count*8 > uint64(len(p)) {
		return fmt.Errorf("空闲页列表 %d 的长度 %d 超出页面", id, count)
	}
	return nil
}

// tree checks the page id and everything below it.
func (w *pageWalk) tree(id uint64, depth int) error {
	if depth > maxDepth {
		return fmt.Errorf("页面 %d：树太深", id)
	}
	if w.seen[id] {
		return fmt.Errorf("页面 %d 被引用了不止一次", id)
	}
	w.seen[id] = true
	p, err := w.page(id)
	if err != nil {
		return err
	}
	return w.node(p, id, depth)
}

// node checks the branch or leaf page p (a page of the file, or an inline
// bucket's page inside a value).
func (w *pageWalk) node(p []byte, id uint64, depth int) error {
	if len(p) < pageHeader {
		return fmt.Errorf("页面 %d 太短", id)
	}
	flags, count := binary.LittleEndian.Uint16(p[8:]), int(binary.LittleEndian.Uint16(p[10:]))
	if flags != branchPage && flags != leafPage {
		return fmt.Errorf("页面 %d 的类型 %#x 不是分支页也不是叶子页", id, flags)
	}
	if flags == branchPage && count == 0 {
		// bbolt never writes an empty branch page, and its cursor reads
		// the first element of a branch page without looking at the count.
		return fmt.Errorf("页面 %d 是没有元素的分支页", id)
	}
	if pageHeader+count*elemSize > len(p) {
		return fmt.Errorf("页面 %d 的 %d 个元素超出页面", id, count)
	}
	for i := 0; i < count; i++ {
		e := pageHeader + i*elemSize
		if flags == branchPage {
			pos, ksize := binary.LittleEndian.Uint32(p[e:]), binary.LittleEndian.Uint32(p[e+4:])
			if !inside(len(p), e, pos, ksize) {
				return fmt.Errorf("页面 %d 第 %d 个键超出页面", id, i)
			}
			if err := w.tree(binary.LittleEndian.Uint64(p[e+8:]), depth+1); err != nil {
				return err
			}
			continue
		}
		eflags, pos := binary.LittleEndian.Uint32(p[e:]), binary.LittleEndian.Uint32(p[e+4:])
		ksize, vsize := binary.LittleEndian.Uint32(p[e+8:]), binary.LittleEndian.Uint32(p[e+12:])
		if !inside(len(p), e, pos, ksize) || !inside(len(p), e, pos+ksize, vsize) || pos+ksize < pos {
			return fmt.Errorf("页面 %d 第 %d 个键值超出页面", id, i)
		}
		if eflags&bucketLeaf == 0 {
			continue
		}
		v := p[e+int(pos)+int(ksize):][:vsize]
		if len(v) < bucketHeader {
			return fmt.Errorf("页面 %d 第 %d 个子桶的头不完整", id, i)
		}
		root := binary.LittleEndian.Uint64(v)
		if root == 0 { // an inline bucket: its page follows the header
			if err := w.node(v[bucketHeader:], id, depth+1); err != nil {
				return err
			}
			continue
		}
		if err := w.tree(root, depth+1); err != nil {
			return err
		}
	}
	return nil
}

// inside reports whether size bytes at pos from the element at elem fit in
// a page of n bytes.
func inside(n, elem int, pos, size uint32) bool {
	start := uint64(elem) + uint64(pos)
	return start+uint64(size) <= uint64(n)
}

// metaRootAndFreelist reads, from the meta page of transaction txid, the
// root bucket's page and the freelist's page. Meta layout after the page
// header: magic u32, version u32, page size u32, flags u32, root bucket
// (root u64, sequence u64), freelist u64, pgid u64, txid u64, checksum u64.
func metaRootAndFreelist(data []byte, ps int, txid uint64) (root, freelist uint64, ok bool) {
	for i := 0; i < 2; i++ {
		off := i*ps + pageHeader
		if off+64 > len(data) {
			continue
		}
		m := data[off:]
		if binary.LittleEndian.Uint64(m[48:]) == txid {
			return binary.LittleEndian.Uint64(m[16:]), binary.LittleEndian.Uint64(m[32:]), true
		}
	}
	return 0, 0, false
}
