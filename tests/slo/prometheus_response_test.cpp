#include "slo/prometheus_response.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace ckpt::slo {
namespace {

// One answer body and either the value it gives (as core's to_string writes it) or the
// error: its code and a part of its message.
struct Row {
  std::string name;
  std::string body;
  std::string value;  // empty: an error is expected
  ErrorCode code = ErrorCode::engine_error;
  std::string message = {};
};

Row gives(std::string name, std::string body, std::string value) {
  return Row{std::move(name), std::move(body), std::move(value)};
}
Row fails(std::string name, std::string body, std::string message, ErrorCode code = ErrorCode::engine_error) {
  return Row{std::move(name), std::move(body), {}, code, std::move(message)};
}

std::string success(const std::string& type, const std::string& result) {
  return R"({"status":"success","data":{"resultType":")" + type + R"(","result":)" + result + "}}";
}

void check(const std::vector<Row>& rows, int status = 200) {
  for (const auto& row : rows) {
    SCOPED_TRACE(row.name + ": " + row.body);
    auto value = read_prometheus_answer(status, row.body);
    if (!row.value.empty()) {
      ASSERT_TRUE(value.ok()) << value.error().message;
      EXPECT_EQ(to_string(*value), row.value);
    } else {
      ASSERT_FALSE(value.ok()) << "expected an error containing: " << row.message;
      EXPECT_EQ(value.error().code, row.code) << value.error().message;
      EXPECT_NE(value.error().message.find(row.message), std::string::npos)
          << "the whole message: " << value.error().message;
    }
  }
}

TEST(PrometheusResponse, ResultTypesBecomeNumbersOrLists) {
  check({
      gives("scalar", success("scalar", R"([1733456789.123, "0.25"])"), "0.25"),
      gives("scalar at a whole second", success("scalar", R"([1733456789, "3"])"), "3"),
      gives("vector in the order given",
            success("vector", R"([{"metric":{"route":"/a"},"value":[1,"0.5"]},{"metric":{},"value":[1,"2"]}])"),
            "[0.5,2]"),
      gives("vector of one sample is a list", success("vector", R"([{"metric":{},"value":[1,"0.01"]}])"), "[0.01]"),
      gives("empty vector", success("vector", "[]"), "[]"),
      gives("matrix of one series",
            success("matrix", R"([{"metric":{"job":"demo"},"values":[[1,"1"],[16,"2.5"],[31,"-3"]]}])"), "[1,2.5,-3]"),
      gives("empty matrix", success("matrix", "[]"), "[]"),
      gives("matrix series without points", success("matrix", R"([{"metric":{},"values":[]}])"), "[]"),
      gives(
          "extra fields are ignored",
          R"({"status":"success","warnings":["w"],"infos":["i"],"data":{"resultType":"scalar","result":[1,"7"],"stats":{}}})",
          "7"),
  });
}

TEST(PrometheusResponse, SampleValuesAsPrometheusWritesThem) {
  check({
      gives("NaN", success("scalar", R"([1,"NaN"])"), "NaN"),
      gives("+Inf", success("scalar", R"([1,"+Inf"])"), "+Inf"),
      gives("-Inf", success("scalar", R"([1,"-Inf"])"), "-Inf"),
      gives("exponent", success("scalar", R"([1,"1e-05"])"), "0.00001"),
      gives("negative decimal", success("vector", R"([{"metric":{},"value":[1,"-0.125"]}])"), "[-0.125]"),
      gives("NaN in a range", success("matrix", R"([{"metric":{},"values":[[1,"NaN"],[2,"+Inf"]]}])"), "[NaN,+Inf]"),
      fails("a word", success("scalar", R"([1,"high"])"),
            "field 'data.result[1]' must hold a number such as \"0.5\", \"NaN\" or \"+Inf\", got \"high\""),
      fails("trailing text", success("scalar", R"([1,"1.5x"])"), "field 'data.result[1]' must hold a number"),
      fails("an empty string", success("scalar", R"([1,""])"), "field 'data.result[1]' must hold a number"),
      fails("a number instead of a string", success("vector", R"([{"metric":{},"value":[1,0.5]}])"),
            "field 'data.result[0].value[1]' must be a string holding the sample's value, got a number"),
      fails("a time that is a string", success("scalar", R"(["1","1"])"),
            "field 'data.result[0]' must be a number (the sample's time), got a string"),
  });
}

TEST(PrometheusResponse, SeveralSeriesInARangeMustBeAggregated) {
  check(
      {fails("two series",
             success("matrix", R"([{"metric":{"a":"1"},"values":[[1,"1"]]},{"metric":{"a":"2"},"values":[[1,"2"]]}])"),
             "the range query returned 2 series; it must return one: aggregate them, e.g. sum(...) or max by () (...)",
             ErrorCode::bad_request)});
}

TEST(PrometheusResponse, ErrorAnswersNameErrorTypeAndError) {
  check(
      {
          fails("bad data",
                R"({"status":"error","errorType":"bad_data","error":"1:14: parse error: unclosed left parenthesis"})",
                "prometheus: bad_data: 1:14: parse error: unclosed left parenthesis", ErrorCode::bad_request),
          fails("execution", R"({"status":"error","errorType":"execution","error":"query timed out"})",
                "prometheus: execution: query timed out"),
          fails("no details", R"({"status":"error"})", "prometheus: error: (no message)"),
      },
      400);
}

TEST(PrometheusResponse, MalformedAnswersNameTheField) {
  check({
      fails("not JSON", "<html>oops</html>", "prometheus answer: the body is not valid JSON"),
      fails("duplicate key", R"({"status":"success","status":"error"})",
            "prometheus answer: the body has a duplicate field 'status'"),
      fails("an array", "[1,2]", "prometheus answer: the body must be a JSON object, got an array of 2 items"),
      fails("no status", R"({"data":{}})", "prometheus answer: missing field 'status'"),
      fails("status of another kind", R"({"status":1})", "field 'status' must be a string, got number"),
      fails("unknown status", R"({"status":"partial"})",
            "field 'status' must be \"success\" or \"error\", got \"partial\""),
      fails("no data", R"({"status":"success"})", "missing field 'data'"),
      fails("data not an object", R"({"status":"success","data":[]})", "field 'data' must be an object, got array"),
      fails("no result type", R"({"status":"success","data":{"result":[]}})", "missing field 'data.resultType'"),
      fails("unknown result type", success("table", "[]"),
            "field 'data.resultType' must be one of: scalar, vector, matrix, string; got \"table\""),
      fails("no result", R"({"status":"success","data":{"resultType":"vector"}})", "missing field 'data.result'"),
      fails("vector result not an array", success("vector", "{}"),
            "field 'data.result' must be an array, got an object"),
      fails("sample not an object", success("vector", "[1]"), "field 'data.result[0]' must be an object, got a number"),
      fails("sample without value", success("vector", R"([{"metric":{}}])"), "missing field 'data.result[0].value'"),
      fails("value not a pair", success("vector", R"([{"metric":{},"value":[1]}])"),
            "field 'data.result[0].value' must be a [time, \"value\"] pair, got an array of 1 item"),
      fails("scalar not a pair", success("scalar", R"("1")"),
            "field 'data.result' must be a [time, \"value\"] pair, got a string"),
      fails("series without values", success("matrix", R"([{"metric":{}}])"), "missing field 'data.result[0].values'"),
      fails("values not an array", success("matrix", R"([{"metric":{},"values":{}}])"),
            "field 'data.result[0].values' must be an array, got an object"),
      fails("bad point", success("matrix", R"([{"metric":{},"values":[[1,"1"],[2,"x"]]}])"),
            "field 'data.result[0].values[1][1]' must hold a number"),
  });
}

TEST(PrometheusResponse, WhatIsNotANumberIsRefused) {
  check({
      fails("string result", success("string", R"([1,"hello"])"), "the query returned a string; it must give a number",
            ErrorCode::bad_request),
      fails("native histogram", success("vector", R"([{"metric":{},"histogram":[1,{"count":"2"}]}])"),
            "field 'data.result[0]' is a native histogram", ErrorCode::bad_request),
  });
}

TEST(PrometheusResponse, AnErrorPageOfAProxyShowsStatusAndExcerpt) {
  auto value = read_prometheus_answer(502, "<html>\n<body>Bad Gateway</body>\n</html>");
  ASSERT_FALSE(value.ok());
  EXPECT_EQ(value.error().message,
            R"(prometheus answered status 502 with "<html>\n<body>Bad Gateway</body>\n</html>")");
  auto unauthorized = read_prometheus_answer(401, R"({"error":{"code":"unauthorized"}})");
  ASSERT_FALSE(unauthorized.ok());
  EXPECT_EQ(unauthorized.error().message,
            R"(prometheus answered status 401 with "{\"error\":{\"code\":\"unauthorized\"}}")");
}

}  // namespace
}  // namespace ckpt::slo
