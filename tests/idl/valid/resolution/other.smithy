$version: "2.0"

namespace example.other

structure Widget {
    // A reference into another file of another namespace.
    back: example.main#Later
}

string Other
