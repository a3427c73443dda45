// Secrets never reach a log line or an error message.
#include <gtest/gtest.h>

#include "obs/redact.hpp"

namespace ckpt::obs {
namespace {

TEST(Redact, ReplacesEveryOccurrenceOfEverySecret) {
  EXPECT_EQ(redact("token=abc123 retry token=abc123 pw=hunter2", {"abc123", "hunter2"}),
            "token=[redacted] retry token=[redacted] pw=[redacted]");
}

TEST(Redact, LeavesTextWithoutSecretsAlone) {
  EXPECT_EQ(redact("nothing to hide", {"abc123"}), "nothing to hide");
  EXPECT_EQ(redact("", {"abc123"}), "");
  EXPECT_EQ(redact("abc", {}), "abc");
}

TEST(Redact, IgnoresEmptySecrets) { EXPECT_EQ(redact("abc", {""}), "abc"); }

TEST(Redact, LongestOverlappingSecretWins) {
  EXPECT_EQ(redact("key=abcdef", {"abc", "abcdef"}), "key=[redacted]");
}

TEST(Redact, ReplacementIsNotScannedAgain) {
  EXPECT_EQ(redact("xredx", {"red", "x"}), "[redacted][redacted][redacted]");
  EXPECT_EQ(redact("a-secret-b", {"secret", "dac"}), "a-[redacted]-b");
}

TEST(RedactCredentials, MasksConninfoPasswordsQuotedOrNot) {
  EXPECT_EQ(redact("host=db port=5432 user=app password=secret dbname=app"),
            "host=db port=5432 user=app password=[redacted] dbname=app");
  EXPECT_EQ(redact("host='db' password='s3 cr\\'et' dbname='app'"), "host='db' password='[redacted]' dbname='app'");
  EXPECT_EQ(redact("password = hunter2"), "password = [redacted]");
  EXPECT_EQ(redact("PGPASSWORD=hunter2 pg_dump"), "PGPASSWORD=[redacted] pg_dump");
  EXPECT_EQ(redact("sslpassword=k3y&sslmode=require"), "sslpassword=[redacted]&sslmode=require");
  EXPECT_EQ(redact("password='never closed"), "password=[redacted]");
}

TEST(RedactCredentials, MasksUrlPasswordsAndKeepsTheRest) {
  EXPECT_EQ(redact("could not connect to postgresql://u:secret@h:5432/app?sslmode=require"),
            "could not connect to postgresql://u:[redacted]@h:5432/app?sslmode=require");
  EXPECT_EQ(redact("postgres://app:p@ss@db/app and https://k8s:6443/apis"),
            "postgres://app:[redacted]@db/app and https://k8s:6443/apis");
  EXPECT_EQ(redact("postgresql://u@h/db?password=secret"), "postgresql://u@h/db?password=[redacted]");
  EXPECT_EQ(redact("a://b"), "a://b");
  EXPECT_EQ(redact("://"), "://");
}

TEST(RedactCredentials, MasksJsonPasswordsAndBearerTokens) {
  EXPECT_EQ(redact(R"({"user":"app","password":"secret"})"), R"({"user":"app","password":"[redacted]"})");
  EXPECT_EQ(redact("Authorization: Bearer eyJhbGciOiJSUzI1NiJ9.x.y sent"), "Authorization: Bearer [redacted] sent");
}

TEST(RedactCredentials, LeavesMessagesWithoutCredentialsAlone) {
  for (const std::string text :
       {"FATAL:  password authentication failed for user \"app\"", "fe_sendauth: no password supplied",
        "passfile='/etc/checkpointd/pgpass' password_file=/x", "bearer token of user \"ci\" in kubeconfig",
        "Bearer [redacted]", "https://127.0.0.1:6443/apis/postgresql.cnpg.io/v1", ""}) {
    EXPECT_EQ(redact(text), text);
  }
}

}  // namespace
}  // namespace ckpt::obs
