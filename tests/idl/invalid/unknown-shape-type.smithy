// unknown-shape-type.smithy:5:1: unknown shape type `strukture`
$version: "2.0"
namespace example.invalid

strukture Thing {}
