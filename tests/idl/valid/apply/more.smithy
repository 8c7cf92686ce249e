$version: "2.0"

namespace example.apply

// From another file, before or after the definition: it makes no difference.
apply Target @tags(["c"])
