// set-in-v2.smithy:5:1: `set` does not exist in IDL 2.0
$version: "2.0"
namespace example.invalid

set Names {
    member: String
}
