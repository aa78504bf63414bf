// Access to the embedded package declaration files (the data is generated at build time by
// cmake/embed_declarations.cmake).
#include "stdlib/declarations.h"

#include <cstddef>

namespace fluxi {
namespace detail {
struct EmbeddedDeclarationFile {
    const char* importPath;
    const char* file;
    const char* source;
    std::size_t size;
};
extern const EmbeddedDeclarationFile kEmbeddedDeclarationFiles[];
extern const std::size_t kEmbeddedDeclarationFileCount;
}  // namespace detail

const std::vector<PackageDeclarations>& packageDeclarations() {
    static const std::vector<PackageDeclarations> all = [] {
        std::vector<PackageDeclarations> v;
        v.reserve(detail::kEmbeddedDeclarationFileCount);
        for (std::size_t i = 0; i < detail::kEmbeddedDeclarationFileCount; ++i) {
            const auto& f = detail::kEmbeddedDeclarationFiles[i];
            v.push_back({f.importPath, f.file, std::string_view(f.source, f.size)});
        }
        return v;
    }();
    return all;
}

const PackageDeclarations* findPackageDeclarations(std::string_view importPath) {
    for (const auto& d : packageDeclarations())
        if (d.importPath == importPath) return &d;
    return nullptr;
}

}  // namespace fluxi
