// prelude-apply.smithy:4:14: cannot apply `smithy.api#sensitive` to `smithy.api#String`: prelude shapes cannot be changed
$version: "2.0"
namespace example.invalid
apply String @sensitive
