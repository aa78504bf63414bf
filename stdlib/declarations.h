// The package declaration files of the standard library, embedded at build time.
//
// Every stdlib package folder holds one declaration file named after the last segment of its import
// path (stdlib/strings/strings.flux, stdlib/experimental/geo/geo.flux, ...): `package NAME` and one
// `builtin NAME : TYPE` statement per builtin function or value of the package, with the type the
// reference implementation declares. The signature audit test and the static type checker read them.
#pragma once

#include <string_view>
#include <vector>

namespace fluxi {

struct PackageDeclarations {
    std::string_view importPath;  // "strings", "experimental/geo", "universe"
    std::string_view file;        // "stdlib/strings/strings.flux" (relative to the source tree)
    std::string_view source;      // the file's contents
};

// Every declaration file, sorted by file path.
const std::vector<PackageDeclarations>& packageDeclarations();

// The declaration file of one package, nullptr if it has none.
const PackageDeclarations* findPackageDeclarations(std::string_view importPath);

}  // namespace fluxi
