$version: "2.0"

metadata greeting = "hello"
metadata "quoted key" = 1
metadata list = [1, -2.5, 3e2, true, false, null]
metadata nested = {
    a: {b: [{c: "d"}]}
    "e f": []
}
// An unquoted value in metadata is a shape id in the prelude's namespace.
metadata shape = String

namespace example.metadata
