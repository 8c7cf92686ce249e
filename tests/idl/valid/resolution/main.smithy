$version: "2.0"

namespace example.main

use example.other#Widget
use example.other#Gadget

structure Uses {
    // `use` wins.
    widget: Widget
    // The namespace wins over the prelude.
    string: String
    // The prelude, by full id.
    preludeString: smithy.api#String
    // The prelude, when nothing else has the name.
    integer: Integer
    // A forward reference, defined below.
    later: Later
    // A shape of another namespace, by absolute id.
    other: example.other#Other
    gadget: Gadget
}

string String

string Later
