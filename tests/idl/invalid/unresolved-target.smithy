// unresolved-target.smithy:6:11: the target `example.invalid#Strin` is not defined in the model
$version: "2.0"
namespace example.invalid

structure Thing {
    name: Strin
}
