#include "pg/conninfo.hpp"

#include <gtest/gtest.h>

#include <stdexcept>

#include "pg/session.hpp"
#include "pg/statement_log.hpp"

namespace ckpt::pg {
namespace {

TEST(Conninfo, QuotesEveryValue) {
  EXPECT_EQ(quote_conninfo_value("plain"), "'plain'");
  EXPECT_EQ(quote_conninfo_value("it's a \\ path"), "'it\\'s a \\\\ path'");
  EXPECT_EQ(quote_conninfo_value(""), "''");
}

TEST(Conninfo, BuildsAllSettingsWithTimeoutsInWholeSeconds) {
  ConnParams params;
  params.host = "/run/post gres";
  params.port = 5433;
  params.user = "o'neil";
  params.dbname = "app";
  params.passfile = "/etc/checkpointd/pgpass";
  params.connect_timeout = std::chrono::milliseconds(2500);
  params.statement_timeout = std::chrono::milliseconds(10'000);
  EXPECT_EQ(build_conninfo(params),
            "host='/run/post gres' port='5433' user='o\\'neil' dbname='app' passfile='/etc/checkpointd/pgpass' "
            "connect_timeout='3' options='-c statement_timeout=10000' application_name='checkpointd'");
  params.connect_timeout = std::chrono::milliseconds(100);
  EXPECT_NE(build_conninfo(params).find("connect_timeout='2'"), std::string::npos) << "libpq's minimum";
}

TEST(Conninfo, TlsSettingsAreQuotedAndLeftOutWhenEmpty) {
  ConnParams params;
  params.host = "orders-db-rw.payments.svc";
  params.user = "postgres";
  params.dbname = "app";
  EXPECT_EQ(build_conninfo(params).find("ssl"), std::string::npos) << build_conninfo(params);
  params.sslmode = "verify-full";
  params.sslrootcert = "/etc/checkpointd/db ca's.crt";
  EXPECT_EQ(build_conninfo(params),
            "host='orders-db-rw.payments.svc' port='5432' user='postgres' dbname='app' sslmode='verify-full' "
            "sslrootcert='/etc/checkpointd/db ca\\'s.crt' connect_timeout='10' application_name='checkpointd'");
  params.sslrootcert.clear();
  EXPECT_NE(build_conninfo(params).find("sslmode='verify-full' connect_timeout"), std::string::npos);
}

TEST(Conninfo, DescribeNamesTheServerWithoutThePassfile) {
  ConnParams params;
  params.host = "db.internal";
  params.user = "postgres";
  params.dbname = "postgres";
  params.passfile = "/secret/pgpass";
  EXPECT_EQ(describe(params), "host=db.internal port=5432 user=postgres dbname=postgres");
}

TEST(Session, AFailedConnectionNamesTheServerAndLibpqsReason) {
  ConnParams params;
  params.host = "/nonexistent-socket-dir";
  params.port = 5999;
  params.user = "nobody";
  params.dbname = "postgres";
  auto session = open_session(params);
  ASSERT_FALSE(session);
  EXPECT_EQ(session.error().reason, "cluster_unreachable");
  EXPECT_NE(session.error().message.find("host=/nonexistent-socket-dir port=5999"), std::string::npos)
      << session.error().message;
  EXPECT_NE(session.error().message.find("No such file or directory"), std::string::npos) << session.error().message;
  EXPECT_EQ(session.error().message.find('\n'), std::string::npos);
}

TEST(Session, CredentialsInWhatLibpqSaysAreRedacted) {
  ConnParams params;
  params.host = "postgresql://app:s3cretpw@db.invalid";  // a URL where a host name belongs
  params.port = 5999;
  params.user = "nobody";
  params.dbname = "postgres";
  auto session = open_session(params);
  ASSERT_FALSE(session);
  const auto& message = session.error().message;
  EXPECT_EQ(message.find("s3cretpw"), std::string::npos) << message;
  EXPECT_NE(message.find("postgresql://app:[redacted]@db.invalid"), std::string::npos) << message;
}

TEST(ServerText, RedactsCredentialsAndKeepsLines) {
  EXPECT_EQ(server_text("ERROR:  bad value\nDETAIL:  password=s3cretpw\n"),
            "ERROR:  bad value\nDETAIL:  password=[redacted]\n");
  EXPECT_EQ(failure_text(std::runtime_error("could not connect\n\tpostgresql://u:s3cretpw@h/db")),
            "could not connect; postgresql://u:[redacted]@h/db");
}

TEST(OneLine, JoinsLibpqMessageLines) {
  EXPECT_EQ(one_line("could not connect: refused\n\tIs the server running?\n"),
            "could not connect: refused; Is the server running?");
}

TEST(StatementLog, StatementsAreLoggedOnOneLine) {
  EXPECT_EQ(statement_on_one_line("\nSELECT a,\n       b\tFROM t\n"), "SELECT a, b FROM t");
}

}  // namespace
}  // namespace ckpt::pg
