// Pretty-printing documents (Wadler/Leijen style) for the Flux formatter: a document says what text
// goes where and where lines may break; `renderDoc` picks the layout. The semantics follow the
// `pretty` layout algorithm the reference formatter is built on: a group is laid out flat when it
// fits in the remaining width (up to the next forced line break after it), a union takes its first
// alternative whose text stays within the width and hits no `fail`, and `flatAlt(b, f)` is `b` when
// its group is broken and `f` when it is flat.
#pragma once

#include <memory>
#include <string>
#include <vector>

namespace fluxi::pretty {

struct DocNode;
using Doc = std::shared_ptr<const DocNode>;  // null is the empty document

struct DocNode {
    enum class Kind { Text, Hardline, HardlineAtColumn0, Append, Nest, Group, FlatAlt, Union, Fail } kind;
    std::string text;  // Text
    size_t width = 0;  // Text: its width in columns (code points)
    int indent = 0;    // Nest
    Doc a, b;          // Append, FlatAlt(break, flat), Union(first, second); Nest/Group use a
};

inline bool isNil(const Doc& d) { return d == nullptr; }

Doc nil();
Doc text(std::string s);           // no newlines expected except inside verbatim literals
Doc hardline();                    // always a line break (a group holding one is never flat)
Doc hardlineAtColumn0();           // a line break with no indentation after it (inside strings)
Doc line();                        // a space when flat, a line break when broken
Doc line_();                       // nothing when flat, a line break when broken
Doc softline();                    // group(line())
Doc fail();                        // this layout is not acceptable
Doc cat(Doc a, Doc b);             // a then b (nil is the unit)
Doc cat(std::initializer_list<Doc> docs);
Doc nest(Doc d, int indent);       // line breaks inside d are indented by `indent` more
Doc group(Doc d);                  // lay d out flat if it fits
Doc flatAlt(Doc broken, Doc flat);
Doc unionOf(Doc first, Doc second);
Doc intersperse(const std::vector<Doc>& docs, const Doc& separator);

// Lays `doc` out in `width` columns.
std::string renderDoc(const Doc& doc, size_t width);

}  // namespace fluxi::pretty
