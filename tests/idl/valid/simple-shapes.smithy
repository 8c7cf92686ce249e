$version: "2.0"

namespace example.simple

blob MyBlob
boolean MyBoolean
string MyString
byte MyByte
short MyShort
integer MyInteger
long MyLong
float MyFloat
double MyDouble
bigInteger MyBigInteger
bigDecimal MyBigDecimal
timestamp MyTimestamp
document MyDocument
