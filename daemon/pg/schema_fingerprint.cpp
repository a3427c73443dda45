#include "pg/schema_fingerprint.hpp"

#include <pqxx/nontransaction>

#include "pg/session.hpp"
#include "pg/statement_log.hpp"

namespace ckpt::pg {
namespace {

constexpr const char* kFingerprintQuery = R"SQL(
WITH relations AS (
  SELECT c.oid, n.nspname, c.relname, c.relkind
  FROM pg_class c
  JOIN pg_namespace n ON n.oid = c.relnamespace
  WHERE n.nspname NOT IN ('pg_catalog', 'information_schema', 'pg_toast')
    AND n.nspname NOT LIKE 'pg\_temp\_%'
    AND n.nspname NOT LIKE 'pg\_toast\_temp\_%'
    AND c.relkind IN ('r', 'p', 'v', 'm', 'f', 'S')
),
lines AS (
  SELECT format('table %I.%I kind=%s', r.nspname, r.relname, r.relkind) AS line
  FROM relations r
  UNION ALL
  SELECT format('column %I.%I.%I type=%s not_null=%s default=%s',
                r.nspname, r.relname, a.attname, format_type(a.atttypid, a.atttypmod),
                a.attnotnull, coalesce(pg_get_expr(d.adbin, d.adrelid), ''))
  FROM relations r
  JOIN pg_attribute a ON a.attrelid = r.oid AND a.attnum > 0 AND NOT a.attisdropped
  LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
  UNION ALL
  SELECT format('constraint %I.%I.%I %s', r.nspname, r.relname, co.conname, pg_get_constraintdef(co.oid))
  FROM relations r
  JOIN pg_constraint co ON co.conrelid = r.oid
  UNION ALL
  SELECT format('index %I.%I %s', r.nspname, ic.relname, pg_get_indexdef(i.indexrelid))
  FROM relations r
  JOIN pg_index i ON i.indrelid = r.oid
  JOIN pg_class ic ON ic.oid = i.indexrelid
)
SELECT encode(sha256(convert_to(coalesce(string_agg(line, E'\n' ORDER BY line COLLATE "C"), ''), 'UTF8')), 'hex')
FROM lines
)SQL";

}  // namespace

Result<std::string> schema_fingerprint(pqxx::connection& connection) {
  return guarded_sql("computing the schema fingerprint", [&] {
    pqxx::nontransaction transaction{connection};
    return exec1(transaction, kFingerprintQuery)[0].as<std::string>();
  });
}

}  // namespace ckpt::pg
