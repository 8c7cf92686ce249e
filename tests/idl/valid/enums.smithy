$version: "2.0"

namespace example.enums

/// A string enum.
enum Suit {
    /// Members without a value take their name.
    CLUB
    DIAMOND = "diamond"
    @deprecated
    HEART = "heart",
    SPADE
}

intEnum Level {
    LOW = 1
    HIGH = 10
    @enumValue(20)
    HIGHER
}
