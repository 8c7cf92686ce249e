$version: "2.0"

namespace example.aggregates

list Names {
    member: String
}

@sparse
map Counts {
    key: String
    value: Integer
}

structure Person {
    @required
    name: String

    age: Integer = 0
    nickname: String = "none"
    tags: Names = []
    extra: Document = null
    counts: Counts = {}
}

union Shape {
    circle: Double
    square: Double
}

list Nested {
    @length(min: 1)
    member: Names
}
