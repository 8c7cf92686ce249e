$version: "2"
namespace example.v2

// Without the box trait or a default, 2.0 integers are optional.
integer Count

structure Holder {
    count: Count
}
