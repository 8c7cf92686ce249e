// duplicate-member.smithy:7:5: the member `id` is defined twice
$version: "2.0"
namespace example.invalid

structure Thing {
    id: String
    id: String
}
