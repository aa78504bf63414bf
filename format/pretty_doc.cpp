// Pretty-printing documents and their layout (see format/pretty_doc.h).
#include "format/pretty_doc.h"

#include <algorithm>

namespace fluxi::pretty {

namespace {

Doc make(DocNode::Kind k) {
    auto n = std::make_shared<DocNode>();
    n->kind = k;
    return n;
}

}  // namespace

Doc nil() { return nullptr; }

Doc text(std::string s) {
    auto n = std::make_shared<DocNode>();
    n->kind = DocNode::Kind::Text;
    n->text = std::move(s);
    for (unsigned char c : n->text) n->width += (c & 0xC0) != 0x80 ? 1 : 0;
    return n;
}

Doc hardline() {
    static const Doc d = make(DocNode::Kind::Hardline);
    return d;
}

Doc hardlineAtColumn0() {
    static const Doc d = make(DocNode::Kind::HardlineAtColumn0);
    return d;
}

Doc line() {
    static const Doc d = flatAlt(hardline(), text(" "));
    return d;
}

Doc line_() {
    static const Doc d = flatAlt(hardline(), nil());
    return d;
}

Doc softline() { return group(line()); }

Doc fail() {
    static const Doc d = make(DocNode::Kind::Fail);
    return d;
}

Doc cat(Doc a, Doc b) {
    if (isNil(a)) return b;
    if (isNil(b)) return a;
    auto n = std::make_shared<DocNode>();
    n->kind = DocNode::Kind::Append;
    n->a = std::move(a);
    n->b = std::move(b);
    return n;
}

Doc cat(std::initializer_list<Doc> docs) {
    Doc out;
    for (const Doc& d : docs) out = cat(out, d);
    return out;
}

Doc nest(Doc d, int indent) {
    if (isNil(d) || indent == 0) return d;
    auto n = std::make_shared<DocNode>();
    n->kind = DocNode::Kind::Nest;
    n->indent = indent;
    n->a = std::move(d);
    return n;
}

Doc group(Doc d) {
    if (isNil(d)) return d;
    auto n = std::make_shared<DocNode>();
    n->kind = DocNode::Kind::Group;
    n->a = std::move(d);
    return n;
}

Doc flatAlt(Doc broken, Doc flat) {
    auto n = std::make_shared<DocNode>();
    n->kind = DocNode::Kind::FlatAlt;
    n->a = std::move(broken);
    n->b = std::move(flat);
    return n;
}

Doc unionOf(Doc first, Doc second) {
    auto n = std::make_shared<DocNode>();
    n->kind = DocNode::Kind::Union;
    n->a = std::move(first);
    n->b = std::move(second);
    return n;
}

Doc intersperse(const std::vector<Doc>& docs, const Doc& separator) {
    Doc out;
    for (size_t i = 0; i < docs.size(); ++i) {
        if (i != 0) out = cat(out, separator);
        out = cat(out, docs[i]);
    }
    return out;
}

namespace {

enum class Mode { Break, Flat };

struct Cmd {
    int indent;
    Mode mode;
    const DocNode* doc;  // never null
};

class Renderer {
public:
    explicit Renderer(size_t width) : width_(width) {}

    // Lays out the commands above `top` on the stack into `out`. Returns 1 when every text stayed
    // within the width, 0 when some did not, -1 when a `fail` was reached.
    int best(size_t top, std::string& out) {
        bool fits = true;
        while (cmds_.size() > top) {
            Cmd cmd = cmds_.back();
            cmds_.pop_back();
            for (;;) {
                const DocNode* d = cmd.doc;
                switch (d->kind) {
                    case DocNode::Kind::Append:
                        cmds_.push_back({cmd.indent, cmd.mode, d->b.get()});
                        cmd.doc = d->a.get();
                        continue;
                    case DocNode::Kind::FlatAlt: {
                        const DocNode* next = cmd.mode == Mode::Break ? d->a.get() : d->b.get();
                        if (next == nullptr) break;
                        cmd.doc = next;
                        continue;
                    }
                    case DocNode::Kind::Group:
                        if (cmd.mode == Mode::Break && fitting(d->a.get(), pos_, cmd.indent)) cmd.mode = Mode::Flat;
                        cmd.doc = d->a.get();
                        continue;
                    case DocNode::Kind::Nest:
                        cmd.indent = std::max(0, cmd.indent + d->indent);
                        cmd.doc = d->a.get();
                        continue;
                    case DocNode::Kind::Hardline:
                        out += '\n';
                        out.append(static_cast<size_t>(cmd.indent), ' ');
                        pos_ = static_cast<size_t>(cmd.indent);
                        break;
                    case DocNode::Kind::HardlineAtColumn0:
                        out += '\n';
                        pos_ = 0;
                        break;
                    case DocNode::Kind::Text:
                        out += d->text;
                        pos_ += d->width;
                        fits = fits && pos_ <= width_;
                        break;
                    case DocNode::Kind::Union: {
                        const size_t savedPos = pos_, savedSize = cmds_.size();
                        cmds_.push_back({cmd.indent, cmd.mode, d->a.get()});
                        std::string buffer;
                        if (best(savedSize, buffer) == 1) {
                            out += buffer;
                            break;
                        }
                        pos_ = savedPos;
                        cmds_.resize(savedSize);
                        cmd.doc = d->b.get();
                        continue;
                    }
                    case DocNode::Kind::Fail:
                        return -1;
                }
                break;
            }
        }
        return fits ? 1 : 0;
    }

    void push(const Doc& doc) {
        if (doc) cmds_.push_back({0, Mode::Break, doc.get()});
    }

private:
    // Whether `next` laid out flat from column `pos`, followed by the rest of the document up to
    // its next line break, stays within the width.
    bool fitting(const DocNode* next, size_t pos, int indent) {
        (void)indent;
        flat_.clear();
        flat_.push_back(next);
        Mode mode = Mode::Flat;
        size_t rest = cmds_.size();
        for (;;) {
            const DocNode* d;
            if (flat_.empty()) {
                if (rest == 0) return true;
                --rest;
                mode = Mode::Break;
                d = cmds_[rest].doc;
            } else {
                d = flat_.back();
                flat_.pop_back();
            }
            for (;;) {
                if (d == nullptr) break;
                switch (d->kind) {
                    case DocNode::Kind::Append:
                        flat_.push_back(d->b.get());
                        d = d->a.get();
                        continue;
                    case DocNode::Kind::Hardline:
                    case DocNode::Kind::HardlineAtColumn0:
                        return mode == Mode::Break;
                    case DocNode::Kind::Text:
                        pos += d->width;
                        if (pos > width_) return false;
                        break;
                    case DocNode::Kind::FlatAlt:
                        d = mode == Mode::Break ? d->a.get() : d->b.get();
                        continue;
                    case DocNode::Kind::Nest:
                    case DocNode::Kind::Group:
                        d = d->a.get();
                        continue;
                    case DocNode::Kind::Union:
                        d = d->b.get();
                        continue;
                    case DocNode::Kind::Fail:
                        return false;
                }
                break;
            }
        }
    }

    size_t width_;
    size_t pos_ = 0;
    std::vector<Cmd> cmds_;
    std::vector<const DocNode*> flat_;
};

}  // namespace

std::string renderDoc(const Doc& doc, size_t width) {
    Renderer r(width);
    r.push(doc);
    std::string out;
    r.best(0, out);
    return out;
}

}  // namespace fluxi::pretty
