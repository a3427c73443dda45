// Request bodies in Kubernetes' protobuf encoding, as kubectl's typed clients send them for
// built-in types: the envelope and a v1 ConfigMap read into JSON; other kinds and broken
// bytes refused.
#include "kubeapi/server/protobuf_body.hpp"

#include <gtest/gtest.h>

#include <boost/json/parse.hpp>
#include <string>

#include "kubeapi/server/api_errors.hpp"

namespace ckpt::kubeapi {
namespace {

// A length-delimited field (wire type 2) of a protobuf message (lengths below 128).
std::string field(int number, const std::string& bytes) {
  return std::string(1, static_cast<char>(number << 3 | 2)) + static_cast<char>(bytes.size()) + bytes;
}

std::string envelope(const std::string& api_version, const std::string& kind, const std::string& raw) {
  return std::string("k8s\0", 4) + field(1, field(1, api_version) + field(2, kind)) + field(2, raw) + field(3, "") +
         field(4, "");
}

TEST(ProtobufBodyTest, AConfigMapIsReadIntoJson) {
  const std::string metadata =
      field(1, "flags") + field(2, "") + field(3, "develop") + field(11, field(1, "team") + field(2, "payments"));
  const std::string config_map = field(1, metadata) + field(2, field(1, "A") + field(2, "true")) +
                                 field(2, field(1, "B") + field(2, "")) + field(3, field(1, "bin") + field(2, "hi"));
  auto object = object_from_protobuf(envelope("v1", "ConfigMap", config_map));
  ASSERT_TRUE(object) << object.error().message;
  EXPECT_EQ(*object,
            boost::json::parse(R"({"apiVersion":"v1","kind":"ConfigMap",)"
                               R"("metadata":{"name":"flags","namespace":"develop","labels":{"team":"payments"}},)"
                               R"("data":{"A":"true","B":""},"binaryData":{"bin":"aGk="}})"));
}

TEST(ProtobufBodyTest, OtherKindsAreUnsupported) {
  auto object = object_from_protobuf(envelope("v1", "Secret", ""));
  ASSERT_FALSE(object);
  EXPECT_EQ(object.error().reason, reason::kUnsupportedMediaType);
  EXPECT_NE(object.error().message.find("not of v1 Secret: send application/json"), std::string::npos);
}

TEST(ProtobufBodyTest, BytesThatAreNotProtobufAreABadRequest) {
  EXPECT_EQ(object_from_protobuf("{}").error().reason, reason::kBadRequest);
  auto cut = object_from_protobuf(std::string("k8s\0", 4) + "\x0a\x10" + "short");
  ASSERT_FALSE(cut);
  EXPECT_EQ(cut.error().message, "the protobuf request body is malformed: a length-delimited value is cut short");
}

}  // namespace
}  // namespace ckpt::kubeapi
