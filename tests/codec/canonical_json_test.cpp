#include "codec/canonical_json.hpp"

#include <gtest/gtest.h>

#include <boost/json/parse.hpp>
#include <string>

#include "codec/strict_json.hpp"

namespace ckpt::codec {
namespace {

namespace json = boost::json;

std::string canonical(std::string_view text) {
  const auto parsed = parse_strict_json(text, ErrorCode::internal);
  if (!parsed) return "<" + parsed.error().message + ">";
  return canonical_json(*parsed);
}

std::string number(double value) {
  return canonical_json(json::value(value));
}

TEST(CanonicalJson, HasNoWhitespaceBetweenTokens) {
  EXPECT_EQ(canonical("  { \"a\" : [ 1 , true , null , false ] ,\n \"b\" : { } , \"c\": [] }\n"),
            R"({"a":[1,true,null,false],"b":{},"c":[]})");
}

TEST(CanonicalJson, SortsObjectMembersByTheirKeysBytesAtEveryLevel) {
  EXPECT_EQ(canonical(R"({"b": 1, "a": {"z": 1, "Z": 2, "aa": 3, "a": 4}, "A": [{"y": 1, "x": 2}]})"),
            R"({"A":[{"x":2,"y":1}],"a":{"Z":2,"a":4,"aa":3,"z":1},"b":1})");
  // UTF-8 byte order: "é" (C3 A9) after "z" (7A); "\u007f" before "é".
  EXPECT_EQ(canonical("{\"\xc3\xa9\": 1, \"z\": 2, \"\\u007f\": 3}"), "{\"z\":2,\"\x7f\":3,\"\xc3\xa9\":1}");
}

TEST(CanonicalJson, ArraysKeepTheirOrder) {
  EXPECT_EQ(canonical("[3, 1, 2]"), "[3,1,2]");
}

TEST(CanonicalJson, EscapesOnlyQuotesBackslashesAndControls) {
  EXPECT_EQ(canonical(R"("quote \" backslash \\ slash \/ tab \t nl \n cr \r bs \b ff \f")"),
            R"("quote \" backslash \\ slash / tab \t nl \n cr \r bs \b ff \f")");
  EXPECT_EQ(canonical(R"("\u0000 \u001f \u0041")"), R"("\u0000 \u001f A")");
  EXPECT_EQ(canonical(R"("\u00e9 \u20ac \ud83d\ude00")"), "\"\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80\"");
  EXPECT_EQ(canonical_json(json::value("\x7f")), "\"\x7f\"");
}

TEST(CanonicalJson, IntegersAreDecimal) {
  EXPECT_EQ(canonical("[0, -0, 42, -7, 9223372036854775807, 18446744073709551615, -9223372036854775808]"),
            "[0,0,42,-7,9223372036854775807,18446744073709551615,-9223372036854775808]");
}

TEST(CanonicalJson, DoublesAreWrittenAsECMAScriptWritesThem) {
  // The examples of RFC 8785, appendix B.
  EXPECT_EQ(number(0.0), "0");
  EXPECT_EQ(number(-0.0), "0");
  EXPECT_EQ(number(5e-324), "5e-324");
  EXPECT_EQ(number(-5e-324), "-5e-324");
  EXPECT_EQ(number(1.7976931348623157e308), "1.7976931348623157e+308");
  EXPECT_EQ(number(9007199254740992.0), "9007199254740992");
  EXPECT_EQ(number(295147905179352830000.0), "295147905179352830000");
  EXPECT_EQ(number(1e21), "1e+21");
  EXPECT_EQ(number(9.999999999999997e22), "9.999999999999997e+22");
  EXPECT_EQ(number(1e23), "1e+23");
  EXPECT_EQ(number(0.000001), "0.000001");
  EXPECT_EQ(number(1e-7), "1e-7");
  EXPECT_EQ(number(1.5e-7), "1.5e-7");
  EXPECT_EQ(number(333333333.3333333), "333333333.3333333");
  EXPECT_EQ(number(-1.5), "-1.5");
  EXPECT_EQ(number(4.912345), "4.912345");
  EXPECT_EQ(number(0.1 + 0.2), "0.30000000000000004");
}

TEST(CanonicalJson, ANumberIsTheSameHoweverItWasWritten) {
  EXPECT_EQ(canonical("[5, 5.0, 5e0, 50e-1, 0.5E1]"), "[5,5,5,5,5]");
  EXPECT_EQ(canonical("[1.50, 15e-1, 0.15e1]"), "[1.5,1.5,1.5]");
  EXPECT_EQ(canonical("[4.9123450, 4912345e-6]"), "[4.912345,4.912345]");
}

TEST(CanonicalJson, NestedValuesAreCanonicalAllTheWayDown) {
  EXPECT_EQ(canonical(R"({"outer": {"list": [{"b": [2.50, {"d": null, "c": "x\ny"}], "a": 1}]}})"),
            R"({"outer":{"list":[{"a":1,"b":[2.5,{"c":"x\ny","d":null}]}]}})");
}

}  // namespace
}  // namespace ckpt::codec
