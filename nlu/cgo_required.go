//go:build !cgo

package nlu

// The segmenter gojieba is C++ reached through cgo, so linli cannot be built
// without a C/C++ compiler. Without one, Go turns cgo off silently and the
// build would fail with "undefined: gojieba.Jieba"; this undefined type,
// checked before nlu.go's, makes the first error say what to do instead
// (README.zh-CN.md, 准备).
type cgoRequired 需要C和C加加编译器_请安装gcc和g加加_例如apt_install_build_essential_并确认CGO_ENABLED等于1
