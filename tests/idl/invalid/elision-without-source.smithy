// elision-without-source.smithy:6:5: cannot elide the target of `$id`
$version: "2.0"
namespace example.invalid

structure Thing {
    $id
}
