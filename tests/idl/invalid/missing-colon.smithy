// missing-colon.smithy:7:8: expected `:` and a target after member name `id`, found `=`
$version: "2.0"

namespace example.invalid

structure Thing {
    id = "x"
}
