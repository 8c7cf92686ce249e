$version: "2.0"

metadata suppressions = [{id: "A", namespace: "*"}]
metadata same = "value"

namespace example.merge

/// Defined identically in two files.
string Shared

structure OnlyHere {}
