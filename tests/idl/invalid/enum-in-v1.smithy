// enum-in-v1.smithy:4:1: `enum` shapes need `$version: "2"`
namespace example.invalid

enum Suit {
    CLUB
}
