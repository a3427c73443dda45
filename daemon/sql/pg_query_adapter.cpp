#include "sql/pg_query_adapter.hpp"

#include <algorithm>
#include <array>
#include <boost/json.hpp>
#include <cctype>
#include <cstdint>
#include <initializer_list>
#include <string>
#include <utility>

namespace ckpt::sql {
namespace {

namespace json = boost::json;

// libpg_query's JSON omits false, 0 and empty fields, wraps a field of type Node* as
// {"NodeName": {fields}} and writes a field of a concrete struct type (RangeVar*,
// TypeName*, ...) as its bare fields. The helpers below tolerate absent fields.

constexpr std::size_t kMaxJsonDepth = 100'000;  // PostgreSQL's own parser stops well before
constexpr int kMaxExpressionDepth = 64;         // deeper defaults count as unknown_call
constexpr int kMaxStatementDepth = 8;           // data-modifying WITH queries in WITH queries

const json::value* field(const json::object* object, std::string_view key) {
  if (object == nullptr) return nullptr;
  const auto it = object->find(key);
  return it == object->end() ? nullptr : &it->value();
}

const json::object* object_field(const json::object* object, std::string_view key) {
  const json::value* value = field(object, key);
  return value != nullptr && value->is_object() ? &value->get_object() : nullptr;
}

const json::array* array_field(const json::object* object, std::string_view key) {
  const json::value* value = field(object, key);
  return value != nullptr && value->is_array() ? &value->get_array() : nullptr;
}

std::string string_field(const json::object* object, std::string_view key) {
  const json::value* value = field(object, key);
  return value != nullptr && value->is_string() ? std::string(value->get_string()) : std::string();
}

bool bool_field(const json::object* object, std::string_view key) {
  const json::value* value = field(object, key);
  return value != nullptr && value->is_bool() && value->get_bool();
}

bool has_field(const json::object* object, std::string_view key) {
  return field(object, key) != nullptr;
}

// A Node: {"NodeName": {fields}}.
struct Node {
  std::string_view name;
  const json::object* fields = nullptr;
  explicit operator bool() const { return fields != nullptr; }
};

Node node_of(const json::value* value) {
  if (value == nullptr || !value->is_object()) return {};
  const json::object& wrapper = value->get_object();
  if (wrapper.size() != 1) return {};
  const auto& entry = *wrapper.begin();
  if (!entry.value().is_object()) return {};
  return Node{std::string_view(entry.key().data(), entry.key().size()), &entry.value().get_object()};
}

// The fields of a struct-typed field that may also appear wrapped ({"RangeVar": {...}}).
const json::object* struct_fields(const json::value* value, std::string_view node_name) {
  const Node node = node_of(value);
  if (node && node.name == node_name) return node.fields;
  return value != nullptr && value->is_object() ? &value->get_object() : nullptr;
}

std::string lower(std::string text) {
  for (char& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return text;
}

std::string upper(std::string text) {
  for (char& c : text) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return text;
}

void append_name(std::string& out, std::string_view part) {
  if (part.empty()) return;
  if (!out.empty()) out.push_back('.');
  out.append(part);
}

// schema.relation of a RangeVar.
std::string range_var_name(const json::value* value) {
  const json::object* fields = struct_fields(value, "RangeVar");
  std::string out;
  append_name(out, string_field(fields, "catalogname"));
  append_name(out, string_field(fields, "schemaname"));
  append_name(out, string_field(fields, "relname"));
  return out;
}

// "a.b" of a list of String nodes.
std::string dotted_names(const json::array* names) {
  std::string out;
  if (names == nullptr) return out;
  for (const json::value& item : *names) {
    const Node node = node_of(&item);
    if (node.name == "String") append_name(out, string_field(node.fields, "sval"));
  }
  return out;
}

// The last of a list of String nodes, e.g. the type of {"names": ["pg_catalog", "int4"]}.
std::string last_name(const json::array* names) {
  std::string out;
  if (names == nullptr) return out;
  for (const json::value& item : *names) {
    const Node node = node_of(&item);
    if (node.name == "String") out = string_field(node.fields, "sval");
  }
  return out;
}

// The name of an object as DROP, COMMENT, RENAME and friends hold it.
std::string object_name_of(const json::value* value) {
  const Node node = node_of(value);
  if (!node) return {};
  if (node.name == "String") return string_field(node.fields, "sval");
  if (node.name == "List") return dotted_names(array_field(node.fields, "items"));
  if (node.name == "ObjectWithArgs") return dotted_names(array_field(node.fields, "objname"));
  if (node.name == "TypeName") return dotted_names(array_field(node.fields, "names"));
  if (node.name == "RangeVar") return range_var_name(value);
  if (node.name == "RoleSpec") return string_field(node.fields, "rolename");
  if (node.name == "AccessPriv") return string_field(node.fields, "priv_name");
  return {};
}

std::string first_object_name(const json::array* objects) {
  if (objects == nullptr || objects->empty()) return {};
  return object_name_of(&objects->front());
}

// "OBJECT_MATVIEW" -> "materialized_view".
std::string object_type_of(std::string_view object_type) {
  constexpr std::string_view kPrefix = "OBJECT_";
  if (object_type.substr(0, kPrefix.size()) != kPrefix) return {};
  object_type.remove_prefix(kPrefix.size());
  static constexpr std::array<std::pair<std::string_view, std::string_view>, 15> kSpecial{{
      {"TABCONSTRAINT", "constraint"},
      {"DOMCONSTRAINT", "domain_constraint"},
      {"MATVIEW", "materialized_view"},
      {"FDW", "foreign_data_wrapper"},
      {"TSCONFIGURATION", "text_search_configuration"},
      {"TSDICTIONARY", "text_search_dictionary"},
      {"TSPARSER", "text_search_parser"},
      {"TSTEMPLATE", "text_search_template"},
      {"OPCLASS", "operator_class"},
      {"OPFAMILY", "operator_family"},
      {"AMOP", "operator_family_operator"},
      {"AMPROC", "operator_family_function"},
      {"DEFACL", "default_privileges"},
      {"STATISTIC_EXT", "statistics"},
      {"LARGEOBJECT", "large_object"},
  }};
  for (const auto& [from, to] : kSpecial) {
    if (object_type == from) return std::string(to);
  }
  return lower(std::string(object_type));
}

// "materialized_view" -> "MATERIALIZED VIEW".
std::string command_words(std::string_view object_type) {
  std::string out = upper(std::string(object_type));
  std::replace(out.begin(), out.end(), '_', ' ');
  return out;
}

// "CreatePolicyStmt" -> "CREATE POLICY": the command of a node the adapter has no name for.
std::string command_from_node_name(std::string_view node_name) {
  static constexpr std::array<std::pair<std::string_view, std::string_view>, 12> kKnown{{
      {"CreateTrigStmt", "CREATE TRIGGER"},
      {"CreateEventTrigStmt", "CREATE EVENT TRIGGER"},
      {"CreatePLangStmt", "CREATE LANGUAGE"},
      {"CreateStatsStmt", "CREATE STATISTICS"},
      {"AlterSeqStmt", "ALTER SEQUENCE"},
      {"CreateOpClassStmt", "CREATE OPERATOR CLASS"},
      {"RuleStmt", "CREATE RULE"},
      {"SecLabelStmt", "SECURITY LABEL"},
      {"ConstraintsSetStmt", "SET CONSTRAINTS"},
      {"DeclareCursorStmt", "DECLARE CURSOR"},
      {"ClosePortalStmt", "CLOSE CURSOR"},
      {"CheckPointStmt", "CHECKPOINT"},
  }};
  for (const auto& [from, to] : kKnown) {
    if (node_name == from) return std::string(to);
  }
  constexpr std::string_view kSuffix = "Stmt";
  if (node_name.size() > kSuffix.size() && node_name.substr(node_name.size() - kSuffix.size()) == kSuffix) {
    node_name.remove_suffix(kSuffix.size());
  }
  std::string out;
  for (std::size_t i = 0; i < node_name.size(); ++i) {
    const auto c = static_cast<unsigned char>(node_name[i]);
    if (i > 0 && std::isupper(c) != 0 && std::islower(static_cast<unsigned char>(node_name[i - 1])) != 0) {
      out.push_back(' ');
    }
    out.push_back(static_cast<char>(std::toupper(c)));
  }
  return out;
}

// The DefElem named `name` in a list of options, if any.
const json::object* option(const json::array* options, std::string_view name) {
  if (options == nullptr) return nullptr;
  for (const json::value& item : *options) {
    const Node node = node_of(&item);
    if (node.name == "DefElem" && string_field(node.fields, "defname") == name) return node.fields;
  }
  return nullptr;
}

// An option given without a value or with a true one (FULL, FULL true, CONCURRENTLY 1).
bool option_enabled(const json::array* options, std::string_view name) {
  const json::object* element = option(options, name);
  if (element == nullptr) return false;
  const Node arg = node_of(field(element, "arg"));
  if (!arg) return true;
  if (arg.name == "String") {
    const std::string value = lower(string_field(arg.fields, "sval"));
    return value != "false" && value != "off" && value != "0" && value != "no";
  }
  if (arg.name == "Integer") return field(arg.fields, "ival") != nullptr;  // 0 is omitted
  if (arg.name == "Boolean") return bool_field(arg.fields, "boolval");
  return true;
}

std::string option_string(const json::array* options, std::string_view name) {
  const Node arg = node_of(field(option(options, name), "arg"));
  return arg.name == "String" ? string_field(arg.fields, "sval") : std::string();
}

// ---- DEFAULT expressions -------------------------------------------------------------

ExpressionKind worse(ExpressionKind a, ExpressionKind b) {
  return static_cast<int>(a) >= static_cast<int>(b) ? a : b;
}

bool one_of(std::string_view name, std::initializer_list<std::string_view> names) {
  return std::find(names.begin(), names.end(), name) != names.end();
}

// Volatile functions seen in column defaults (in any schema, e.g. public.gen_random_uuid).
bool is_volatile_function(std::string_view name) {
  return one_of(name, {"random", "random_normal", "gen_random_uuid", "gen_random_bytes", "uuid_generate_v1",
                       "uuid_generate_v1mc", "uuid_generate_v4", "clock_timestamp", "timeofday", "nextval", "setval",
                       "txid_current", "pg_current_xact_id"});
}

// Built-in stable or immutable functions seen in column defaults.
bool is_non_volatile_builtin(std::string_view name) {
  return one_of(name, {"now",
                       "transaction_timestamp",
                       "statement_timestamp",
                       "current_setting",
                       "current_database",
                       "current_schema",
                       "date_trunc",
                       "make_interval",
                       "make_date",
                       "make_timestamp",
                       "make_timestamptz",
                       "to_timestamp",
                       "to_date",
                       "to_char",
                       "to_jsonb",
                       "to_json",
                       "jsonb_build_object",
                       "jsonb_build_array",
                       "json_build_object",
                       "json_build_array",
                       "array_fill",
                       "lower",
                       "upper",
                       "concat",
                       "format",
                       "md5",
                       "length",
                       "abs",
                       "round",
                       "greatest",
                       "least"});
}

ExpressionKind expression_kind(const json::value* value, int depth);

ExpressionKind worst_of_fields(const json::object* fields, std::initializer_list<std::string_view> keys, int depth) {
  ExpressionKind out = ExpressionKind::constant;
  for (const std::string_view key : keys) {
    const json::value* child = field(fields, key);
    if (child != nullptr) out = worse(out, expression_kind(child, depth + 1));
  }
  return out;
}

ExpressionKind function_call_kind(const json::object* call, int depth) {
  const json::array* names = array_field(call, "funcname");
  const std::string name = lower(last_name(names));
  const std::string qualified = dotted_names(names);
  ExpressionKind own = ExpressionKind::unknown_call;
  if (is_volatile_function(name)) {
    own = ExpressionKind::volatile_call;
  } else if ((qualified == name || qualified == "pg_catalog." + name) && is_non_volatile_builtin(name)) {
    own = ExpressionKind::stable_call;
  }
  if (has_field(call, "over") || has_field(call, "agg_filter")) own = worse(own, ExpressionKind::unknown_call);
  return worse(own, worst_of_fields(call, {"args"}, depth));
}

// What a raw expression costs as a column default (ExpressionKind's order).
ExpressionKind expression_kind(const json::value* value, int depth) {
  if (value == nullptr) return ExpressionKind::constant;
  if (depth > kMaxExpressionDepth) return ExpressionKind::unknown_call;
  if (value->is_array()) {
    ExpressionKind out = ExpressionKind::constant;
    for (const json::value& item : value->get_array()) out = worse(out, expression_kind(&item, depth + 1));
    return out;
  }
  const Node node = node_of(value);
  if (!node) return ExpressionKind::unknown_call;
  const std::string_view n = node.name;
  if (one_of(n, {"A_Const", "String", "Integer", "Float", "Boolean", "BitString", "TypeName"})) {
    return ExpressionKind::constant;
  }
  if (n == "SQLValueFunction") return ExpressionKind::stable_call;  // CURRENT_TIMESTAMP, CURRENT_USER, ...
  if (n == "FuncCall") return function_call_kind(node.fields, depth);
  if (n == "TypeCast" || n == "NullTest" || n == "BooleanTest" || n == "CollateClause") {
    return worst_of_fields(node.fields, {"arg"}, depth);
  }
  if (n == "A_Expr") return worst_of_fields(node.fields, {"lexpr", "rexpr"}, depth);
  if (n == "BoolExpr" || n == "CoalesceExpr" || n == "MinMaxExpr" || n == "RowExpr") {
    return worst_of_fields(node.fields, {"args"}, depth);
  }
  if (n == "A_ArrayExpr") return worst_of_fields(node.fields, {"elements"}, depth);
  if (n == "CaseExpr") return worst_of_fields(node.fields, {"arg", "args", "defresult"}, depth);
  if (n == "CaseWhen") return worst_of_fields(node.fields, {"expr", "result"}, depth);
  if (n == "List") return worst_of_fields(node.fields, {"items"}, depth);
  return ExpressionKind::unknown_call;  // sub-queries, parameters, anything else
}

// ---- ALTER TABLE ---------------------------------------------------------------------

ColumnDefinition column_definition(const json::object* column_def) {
  ColumnDefinition column;
  column.name = string_field(column_def, "colname");
  column.type_name = lower(last_name(array_field(object_field(column_def, "typeName"), "names")));
  const json::array* constraints = array_field(column_def, "constraints");
  if (constraints == nullptr) return column;
  for (const json::value& item : *constraints) {
    const Node node = node_of(&item);
    if (node.name != "Constraint") continue;
    const std::string type = string_field(node.fields, "contype");
    if (type == "CONSTR_DEFAULT") {
      column.default_kind = worse(column.default_kind, expression_kind(field(node.fields, "raw_expr"), 0));
    } else if (type == "CONSTR_NOTNULL") {
      column.not_null = true;
    } else if (type == "CONSTR_PRIMARY") {
      column.index_constraint = true;
      column.not_null = true;
    } else if (type == "CONSTR_UNIQUE") {
      column.index_constraint = true;
    } else if (type == "CONSTR_CHECK" || type == "CONSTR_FOREIGN") {
      column.checked_constraint = true;
    } else if (type == "CONSTR_IDENTITY") {
      column.identity = true;
    } else if (type == "CONSTR_GENERATED") {
      column.generated_stored = true;
    }
  }
  return column;
}

ConstraintDefinition constraint_definition(const json::object* constraint) {
  static constexpr std::array<std::pair<std::string_view, ConstraintType>, 6> kTypes{{
      {"CONSTR_CHECK", ConstraintType::check},
      {"CONSTR_FOREIGN", ConstraintType::foreign_key},
      {"CONSTR_UNIQUE", ConstraintType::unique},
      {"CONSTR_PRIMARY", ConstraintType::primary_key},
      {"CONSTR_EXCLUSION", ConstraintType::exclusion},
      {"CONSTR_NOTNULL", ConstraintType::not_null},
  }};
  ConstraintDefinition out;
  const std::string type = string_field(constraint, "contype");
  for (const auto& [name, value] : kTypes) {
    if (type == name) out.type = value;
  }
  out.name = string_field(constraint, "conname");
  out.not_valid = bool_field(constraint, "skip_validation");
  out.using_index = has_field(constraint, "indexname");
  return out;
}

AlterTableAction alter_table_action(const json::value* value) {
  AlterTableAction action;
  const Node node = node_of(value);
  if (node.name != "AlterTableCmd") {
    action.subcommand = std::string(node.name);
    return action;
  }
  std::string subtype = string_field(node.fields, "subtype");
  action.subcommand = subtype.substr(0, 3) == "AT_" ? subtype.substr(3) : subtype;
  action.name = string_field(node.fields, "name");
  const json::value* def = field(node.fields, "def");
  const std::string_view s = action.subcommand;
  using K = AlterTableActionKind;
  if (s == "AddColumn") {
    action.kind = K::add_column;
    const Node column = node_of(def);
    if (column.name == "ColumnDef") {
      action.column = column_definition(column.fields);
      action.name = action.column->name;
    }
  } else if (s == "DropColumn") {
    action.kind = K::drop_column;
  } else if (s == "AlterColumnType") {
    action.kind = K::alter_column_type;
  } else if (s == "ColumnDefault") {
    action.kind = def != nullptr ? K::set_default : K::drop_default;
  } else if (s == "SetNotNull") {
    action.kind = K::set_not_null;
  } else if (s == "DropNotNull") {
    action.kind = K::drop_not_null;
  } else if (s == "AddConstraint") {
    action.kind = K::add_constraint;
    const Node constraint = node_of(def);
    if (constraint.name == "Constraint") {
      action.constraint = constraint_definition(constraint.fields);
      action.name = action.constraint->name;
    }
  } else if (s == "ValidateConstraint") {
    action.kind = K::validate_constraint;
  } else if (s == "DropConstraint") {
    action.kind = K::drop_constraint;
  } else if (s == "SetStatistics") {
    action.kind = K::set_statistics;
  } else if (s == "SetRelOptions" || s == "ResetRelOptions") {
    action.kind = K::set_storage_parameters;
  } else if (s == "SetTableSpace") {
    action.kind = K::set_tablespace;
  } else if (s == "SetLogged" || s == "SetUnLogged") {
    action.kind = K::set_logged;
  } else if (s == "AttachPartition" || s == "DetachPartition") {
    action.kind = s == "AttachPartition" ? K::attach_partition : K::detach_partition;
    const Node partition = node_of(def);
    if (partition.name == "PartitionCmd") {
      action.name = range_var_name(field(partition.fields, "name"));
      action.concurrently = bool_field(partition.fields, "concurrent");
    }
  }
  return action;
}

// ---- Statements ----------------------------------------------------------------------

std::string transaction_command(std::string_view kind) {
  static constexpr std::array<std::pair<std::string_view, std::string_view>, 10> kCommands{{
      {"TRANS_STMT_BEGIN", "BEGIN"},
      {"TRANS_STMT_START", "START TRANSACTION"},
      {"TRANS_STMT_COMMIT", "COMMIT"},
      {"TRANS_STMT_ROLLBACK", "ROLLBACK"},
      {"TRANS_STMT_SAVEPOINT", "SAVEPOINT"},
      {"TRANS_STMT_RELEASE", "RELEASE"},
      {"TRANS_STMT_ROLLBACK_TO", "ROLLBACK"},
      {"TRANS_STMT_PREPARE", "PREPARE TRANSACTION"},
      {"TRANS_STMT_COMMIT_PREPARED", "COMMIT PREPARED"},
      {"TRANS_STMT_ROLLBACK_PREPARED", "ROLLBACK PREPARED"},
  }};
  for (const auto& [from, to] : kCommands) {
    if (kind == from) return std::string(to);
  }
  return "TRANSACTION";
}

StatementView view_of(Node node, int depth);

void add_modifying_ctes(StatementView& view, const json::object* fields, int depth) {
  const json::array* ctes = array_field(object_field(fields, "withClause"), "ctes");
  if (ctes == nullptr || depth >= kMaxStatementDepth) return;
  for (const json::value& item : *ctes) {
    const Node cte = node_of(&item);
    if (cte.name != "CommonTableExpr") continue;
    const Node query = node_of(field(cte.fields, "ctequery"));
    if (query.name == "InsertStmt" || query.name == "UpdateStmt" || query.name == "DeleteStmt" ||
        query.name == "MergeStmt") {
      view.modifying_ctes.push_back(view_of(query, depth + 1));
    }
  }
}

StatementView view_of(Node node, int depth) {
  StatementView v;
  v.node_name = std::string(node.name);
  const json::object* f = node.fields;
  const std::string_view n = node.name;
  using K = StatementKind;
  if (n == "SelectStmt") {
    v.kind = K::select;
    v.command = "SELECT";
    if (const json::object* into = object_field(f, "intoClause")) {
      v.kind = K::create_table_as;
      v.command = "SELECT INTO";
      v.object_type = "table";
      v.object_name = range_var_name(field(into, "rel"));
    }
    add_modifying_ctes(v, f, depth);
  } else if (n == "InsertStmt" || n == "UpdateStmt" || n == "DeleteStmt") {
    v.kind = n == "InsertStmt" ? K::insert : n == "UpdateStmt" ? K::update : K::delete_rows;
    v.command = n == "InsertStmt" ? "INSERT" : n == "UpdateStmt" ? "UPDATE" : "DELETE";
    v.object_type = "table";
    v.object_name = range_var_name(field(f, "relation"));
    v.has_where = has_field(f, "whereClause");
    add_modifying_ctes(v, f, depth);
  } else if (n == "VariableSetStmt") {
    v.kind = K::set_variable;
    const std::string kind = string_field(f, "kind");
    v.command = kind == "VAR_RESET" || kind == "VAR_RESET_ALL" ? "RESET" : "SET";
    v.object_name = string_field(f, "name");
  } else if (n == "VariableShowStmt") {
    v.kind = K::show_variable;
    v.command = "SHOW";
    v.object_name = string_field(f, "name");
  } else if (n == "TransactionStmt") {
    v.kind = K::transaction_control;
    v.command = transaction_command(string_field(f, "kind"));
  } else if (n == "CallStmt") {
    v.kind = K::call_procedure;
    v.command = "CALL";
    v.object_type = "procedure";
    v.object_name = dotted_names(array_field(object_field(f, "funccall"), "funcname"));
  } else if (n == "DoStmt") {
    v.kind = K::do_block;
    v.command = "DO";
    v.language = option_string(array_field(f, "args"), "language");
  } else if (n == "CreateStmt") {
    v.kind = K::create_table;
    v.command = "CREATE TABLE";
    v.object_type = "table";
    v.object_name = range_var_name(field(f, "relation"));
    v.partition_of = has_field(f, "partbound");
  } else if (n == "CreateTableAsStmt") {
    v.kind = K::create_table_as;
    v.object_type = object_type_of(string_field(f, "objtype"));
    v.object_name = range_var_name(field(object_field(f, "into"), "rel"));
    v.command = bool_field(f, "is_select_into")        ? "SELECT INTO"
                : v.object_type == "materialized_view" ? "CREATE MATERIALIZED VIEW"
                                                       : "CREATE TABLE AS";
  } else if (n == "CreateSchemaStmt") {
    v.kind = K::create_schema;
    v.command = "CREATE SCHEMA";
    v.object_type = "schema";
    v.object_name = string_field(f, "schemaname");
  } else if (n == "CreateSeqStmt") {
    v.kind = K::create_sequence;
    v.command = "CREATE SEQUENCE";
    v.object_type = "sequence";
    v.object_name = range_var_name(field(f, "sequence"));
  } else if (n == "ViewStmt") {
    v.kind = K::create_view;
    v.command = "CREATE VIEW";
    v.object_type = "view";
    v.object_name = range_var_name(field(f, "view"));
    v.replace = bool_field(f, "replace");
  } else if (n == "CompositeTypeStmt" || n == "CreateEnumStmt" || n == "CreateRangeStmt") {
    v.kind = K::create_type;
    v.command = "CREATE TYPE";
    v.object_type = "type";
    v.object_name =
        n == "CompositeTypeStmt" ? range_var_name(field(f, "typevar")) : dotted_names(array_field(f, "typeName"));
  } else if (n == "CreateDomainStmt") {
    v.kind = K::create_domain;
    v.command = "CREATE DOMAIN";
    v.object_type = "domain";
    v.object_name = dotted_names(array_field(f, "domainname"));
  } else if (n == "CreateExtensionStmt") {
    v.kind = K::create_extension;
    v.command = "CREATE EXTENSION";
    v.object_type = "extension";
    v.object_name = string_field(f, "extname");
  } else if (n == "DefineStmt") {
    v.object_type = object_type_of(string_field(f, "kind"));
    v.kind = v.object_type == "type" ? K::create_type : K::create_object;
    v.command = "CREATE " + command_words(v.object_type);
    v.object_name = dotted_names(array_field(f, "defnames"));
    v.replace = bool_field(f, "replace");
  } else if (n == "CreateFunctionStmt") {
    v.kind = K::create_function;
    v.object_type = bool_field(f, "is_procedure") ? "procedure" : "function";
    v.command = "CREATE " + command_words(v.object_type);
    v.object_name = dotted_names(array_field(f, "funcname"));
    v.replace = bool_field(f, "replace");
    v.language = option_string(array_field(f, "options"), "language");
    v.opaque_body = !has_field(f, "sql_body");  // AS '...' (or no body at all)
  } else if (n == "IndexStmt") {
    v.kind = K::create_index;
    v.command = "CREATE INDEX";
    v.object_type = "index";
    v.object_name = string_field(f, "idxname");
    if (v.object_name.empty()) v.object_name = "on " + range_var_name(field(f, "relation"));
    v.concurrently = bool_field(f, "concurrent");
  } else if (n == "CreatedbStmt" || n == "DropdbStmt") {
    v.kind = n == "CreatedbStmt" ? K::create_database : K::drop_database;
    v.command = n == "CreatedbStmt" ? "CREATE DATABASE" : "DROP DATABASE";
    v.object_type = "database";
    v.object_name = string_field(f, "dbname");
  } else if (n == "CreateTableSpaceStmt" || n == "DropTableSpaceStmt") {
    v.kind = n == "CreateTableSpaceStmt" ? K::create_tablespace : K::drop_tablespace;
    v.command = n == "CreateTableSpaceStmt" ? "CREATE TABLESPACE" : "DROP TABLESPACE";
    v.object_type = "tablespace";
    v.object_name = string_field(f, "tablespacename");
  } else if (n == "AlterSystemStmt") {
    v.kind = K::alter_system;
    v.command = "ALTER SYSTEM";
    v.object_name = string_field(object_field(f, "setstmt"), "name");
  } else if (n == "AlterTableStmt") {
    v.kind = K::alter_table;
    v.object_type = object_type_of(string_field(f, "objtype"));
    if (v.object_type.empty()) v.object_type = "table";
    v.command = "ALTER " + command_words(v.object_type);
    v.object_name = range_var_name(field(f, "relation"));
    if (const json::array* cmds = array_field(f, "cmds")) {
      for (const json::value& cmd : *cmds) v.actions.push_back(alter_table_action(&cmd));
    }
  } else if (n == "AlterEnumStmt") {
    v.kind = has_field(f, "oldVal") ? K::rename_enum_value : K::add_enum_value;
    v.command = "ALTER TYPE";
    v.object_type = "type";
    v.object_name = dotted_names(array_field(f, "typeName"));
  } else if (n == "RenameStmt") {
    v.kind = K::rename;
    v.object_type = object_type_of(string_field(f, "renameType"));
    const std::string subname = string_field(f, "subname");
    if (has_field(f, "relation")) {
      v.object_name = range_var_name(field(f, "relation"));
      if (!subname.empty()) append_name(v.object_name, subname);
    } else if (has_field(f, "object")) {
      v.object_name = object_name_of(field(f, "object"));
    } else {
      v.object_name = subname;  // schema, database, role, tablespace, ...
    }
    std::string altered = v.object_type;
    if (altered == "column" || altered == "attribute") altered = object_type_of(string_field(f, "relationType"));
    if (altered == "constraint") altered = "table";
    v.command = "ALTER " + command_words(altered);
  } else if (n == "AlterObjectSchemaStmt") {
    v.kind = K::set_schema;
    v.object_type = object_type_of(string_field(f, "objectType"));
    v.command = "ALTER " + command_words(v.object_type);
    v.object_name =
        has_field(f, "relation") ? range_var_name(field(f, "relation")) : object_name_of(field(f, "object"));
  } else if (n == "DropStmt") {
    v.kind = K::drop;
    v.object_type = object_type_of(string_field(f, "removeType"));
    v.command = "DROP " + command_words(v.object_type);
    v.object_name = first_object_name(array_field(f, "objects"));
    v.concurrently = bool_field(f, "concurrent");
  } else if (n == "DropOwnedStmt") {
    v.kind = K::drop_owned;
    v.command = "DROP OWNED";
    v.object_type = "role";
    v.object_name = first_object_name(array_field(f, "roles"));
  } else if (n == "TruncateStmt") {
    v.kind = K::truncate;
    v.command = "TRUNCATE TABLE";
    v.object_type = "table";
    v.object_name = first_object_name(array_field(f, "relations"));
  } else if (n == "CommentStmt") {
    v.kind = K::comment;
    v.command = "COMMENT";
    v.object_type = object_type_of(string_field(f, "objtype"));
    v.object_name = object_name_of(field(f, "object"));
  } else if (n == "GrantStmt") {
    v.kind = bool_field(f, "is_grant") ? K::grant : K::revoke;
    v.command = v.kind == K::grant ? "GRANT" : "REVOKE";
    v.object_type = object_type_of(string_field(f, "objtype"));
    v.object_name = first_object_name(array_field(f, "objects"));
  } else if (n == "GrantRoleStmt") {
    v.kind = bool_field(f, "is_grant") ? K::grant : K::revoke;
    v.command = v.kind == K::grant ? "GRANT ROLE" : "REVOKE ROLE";
    v.object_type = "role";
    v.object_name = first_object_name(array_field(f, "granted_roles"));
  } else if (n == "VacuumStmt") {
    v.kind = bool_field(f, "is_vacuumcmd") ? K::vacuum : K::analyze;
    v.command = v.kind == K::vacuum ? "VACUUM" : "ANALYZE";
    v.full = option_enabled(array_field(f, "options"), "full");
    v.object_type = "table";
    if (const json::array* rels = array_field(f, "rels"); rels != nullptr && !rels->empty()) {
      const Node rel = node_of(&rels->front());
      if (rel.name == "VacuumRelation") v.object_name = range_var_name(field(rel.fields, "relation"));
    }
  } else if (n == "ClusterStmt") {
    v.kind = K::cluster;
    v.command = "CLUSTER";
    v.object_type = "table";
    v.object_name = range_var_name(field(f, "relation"));
  } else if (n == "ReindexStmt") {
    v.kind = K::reindex;
    v.command = "REINDEX";
    constexpr std::string_view kPrefix = "REINDEX_OBJECT_";
    const std::string kind = string_field(f, "kind");
    v.object_type = lower(kind.substr(0, kPrefix.size()) == kPrefix ? kind.substr(kPrefix.size()) : kind);
    v.object_name = has_field(f, "relation") ? range_var_name(field(f, "relation")) : string_field(f, "name");
    v.concurrently = option_enabled(array_field(f, "params"), "concurrently");
  } else if (n == "LockStmt") {
    v.kind = K::lock_table;
    v.command = "LOCK TABLE";
    v.object_type = "table";
    v.object_name = first_object_name(array_field(f, "relations"));
  } else if (n == "RefreshMatViewStmt") {
    v.kind = K::refresh_materialized_view;
    v.command = "REFRESH MATERIALIZED VIEW";
    v.object_type = "materialized_view";
    v.object_name = range_var_name(field(f, "relation"));
    v.concurrently = bool_field(f, "concurrent");
  } else {
    v.kind = K::other;
    v.command = command_from_node_name(n);
  }
  return v;
}

std::optional<std::size_t> offset_field(const json::object* object, std::string_view key) {
  const json::value* value = field(object, key);
  if (value == nullptr) return std::size_t{0};
  if (!value->is_int64() || value->get_int64() < 0) return std::nullopt;
  return static_cast<std::size_t>(value->get_int64());
}

}  // namespace

Result<std::vector<ParsedStatement>> statements_from_parse_tree(std::string_view text) {
  // A monotonic resource frees the whole tree at once: no recursive destruction.
  json::monotonic_resource memory;
  json::parse_options options;
  options.max_depth = kMaxJsonDepth;
  boost::system::error_code ec;
  const json::value root = json::parse(json::string_view(text.data(), text.size()), ec, &memory, options);
  if (ec == json::error::too_deep) {
    return make_error(ErrorCode::bad_request, "the statement nests too deeply to classify");
  }
  if (ec) return make_error(ErrorCode::internal, "cannot read libpg_query's parse tree: " + ec.message());
  const json::array* stmts = array_field(root.if_object(), "stmts");
  if (root.if_object() == nullptr || (stmts == nullptr && has_field(root.if_object(), "stmts"))) {
    return make_error(ErrorCode::internal, "libpg_query's parse tree has no statement list");
  }
  std::vector<ParsedStatement> out;
  if (stmts == nullptr) return out;
  out.reserve(stmts->size());
  for (const json::value& item : *stmts) {
    const json::object* raw = item.if_object();
    const Node node = node_of(field(raw, "stmt"));
    const auto location = offset_field(raw, "stmt_location");
    const auto length = offset_field(raw, "stmt_len");
    if (!node || !location || !length) {
      return make_error(ErrorCode::internal, "libpg_query's parse tree holds a malformed statement");
    }
    ParsedStatement statement;
    statement.location = *location;
    if (*length > 0) statement.length = *length;
    statement.view = view_of(node, 0);
    out.push_back(std::move(statement));
  }
  return out;
}

}  // namespace ckpt::sql
