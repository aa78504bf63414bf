// The process-wide list of builtins, package values, options and Flux sources registered by the
// stdlib files (see eval/builtin.h), and the parser of builtin signature strings.
#include <stdexcept>

#include "eval/builtin.h"

namespace fluxi {

Registry& Registry::instance() {
    static Registry r;
    return r;
}

std::vector<Param> parseSignature(std::string_view sig) {
    std::vector<Param> out;
    size_t i = 0;
    while (i < sig.size()) {
        while (i < sig.size() && (sig[i] == ' ' || sig[i] == ',')) i++;
        if (i >= sig.size()) break;
        Param p;
        if (sig.compare(i, 2, "<-") == 0) {
            p.pipe = true;
            p.required = false;
            i += 2;
        } else if (sig[i] == '?') {
            p.required = false;
            i++;
        }
        size_t start = i;
        while (i < sig.size() && sig[i] != ',' && sig[i] != ' ') i++;
        p.name = std::string(sig.substr(start, i - start));
        if (p.name.empty()) throw std::logic_error("bad builtin signature: " + std::string(sig));
        out.push_back(std::move(p));
    }
    return out;
}

Value makeBuiltin(std::string package, std::string name, std::string_view signature,
                  std::function<Value(CallContext&, const Args&)> impl) {
    auto fn = make<BuiltinFunction>();
    fn->package = std::move(package);
    fn->name = std::move(name);
    fn->params = parseSignature(signature);
    for (size_t i = 0; i < fn->params.size(); i++)
        if (fn->params[i].pipe) fn->pipeIndex = static_cast<int>(i);
    fn->impl = std::move(impl);
    return Value::function(fn);
}

}  // namespace fluxi
