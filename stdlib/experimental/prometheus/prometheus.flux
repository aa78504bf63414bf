package prometheus


// scrape needs an HTTP endpoint: declared so that scripts type-check, it fails when called.
builtin scrape : (url: string) => stream[A] where A: Record
