$version: "2.0"

namespace example.other

structure Widget {}
