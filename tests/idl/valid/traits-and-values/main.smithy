$version: "2.0"

namespace example.traits

use example.other#Widget

@trait
structure marker {}

@trait
list labels {
    member: String
}

@trait
string note

@trait
structure config {
    text: String
    number: Double
    flags: labels
    nested: Document
    ref: String
}

// Annotation traits: an empty object for structure traits, an empty list
// for list traits.
@marker
@labels
@sensitive
@deprecated()
string Annotated

@note("a \"quoted\" \\ string \/ with \b\f\n\r\t escapes and \u00e9\uD83D\uDE00")
string Escapes

@note("""
    A text block:
        indentation beyond the common margin stays,
    trailing spaces go,   
    and "quotes" need no escape.
    """)
string TextBlock

@config(
    text: "x"
    number: -12.5e-3
    flags: ["a", "b",]
    nested: {
        "key with spaces": [1, 2.0, -3, 4E+2, true, false, null]
        empty: {}
    }
    ref: Widget
)
string Structured

// Unquoted values are shape ids: resolved through `use`, the namespace and
// the prelude.
@config(nested: [Annotated, Widget, String, example.other#Widget, Annotated$member])
string ShapeIds

@range(min: -1, max: 1.5)
integer Ranged
