$version: "2.0"

namespace example.apply

@tags(["a"])
structure Target {
    member: String
}

// The single form.
apply Target @documentation("applied")

// The block form.
apply Target$member {
    @required
    @length(min: 1)
}

// Array values merge; equal values are not a conflict.
apply Target @tags(["b"])
apply Target$member @required
