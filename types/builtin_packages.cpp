// The checker's default package provider: the declaration files embedded in the library
// (stdlib/declarations.h), the Flux sources registered with FLUXI_FLUX_SOURCE, and the registry of
// builtins (to tell a member without a declared type from a name that does not exist).
#include "eval/builtin.h"
#include "stdlib/declarations.h"
#include "types/infer.h"

namespace fluxi::types {

PackageProvider builtinPackages() {
    PackageProvider p;
    p.declarations = [](const std::string& path, std::string& fileName, std::string& source) {
        const PackageDeclarations* d = findPackageDeclarations(path);
        if (d == nullptr) return false;
        fileName = std::string(d->file);
        source = std::string(d->source);
        return true;
    };
    p.fluxSources = [](const std::string& path) {
        std::vector<std::string> out;
        for (const FluxSourceRegistration& r : Registry::instance().sources)
            if (path == r.package) out.emplace_back(r.source);
        return out;
    };
    p.exists = [](const std::string& qualified) {
        size_t dot = qualified.rfind('.');
        std::string_view pkg = std::string_view(qualified).substr(0, dot);
        std::string_view name = std::string_view(qualified).substr(dot + 1);
        for (const BuiltinRegistration& r : Registry::instance().builtins)
            if (pkg == r.package && name == r.name) return true;
        for (const ValueRegistration& r : Registry::instance().values)
            if (pkg == r.package && name == r.name) return true;
        return false;
    };
    return p;
}

}  // namespace fluxi::types
