$version: "2.0"
// A comment.
/// Documentation before the namespace documents nothing.
namespace example.docs

// Commas are whitespace.
,,,

/// Documents the structure.
// A plain comment between doc comment and traits is allowed.
@internal
/// Documentation after traits is ignored.
structure Documented {
    /// Documents `a`.
    a: String, b: String

    /// Documents `c`.
    @required
    c: String = "x", /// A doc comment at the end of a statement documents nothing.

    /// Dangling before the closing brace: ignored.
}

operation Op {
    input
        /// Before `:=`: ignored.
        := {}
    output :=
        /// After `:=`: documents the output structure.
        {}
}

/// Documentation before `apply` documents nothing.
apply Documented @sensitive

/// A doc comment at the end of the file documents nothing.
