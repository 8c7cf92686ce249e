$version: "2"

namespace test.other

/// A shape whose name clashes with test.sink#Everything; the service renames it.
structure Everything {
    note: String
}
