// ResourceRef names a Kubernetes object or collection by group, version, plural,
// namespace and name, and gives its REST paths:
//   /apis/<group>/<version>[/namespaces/<ns>]/<plural>[/<name>]   (named groups)
//   /api/<version>[/namespaces/<ns>]/<plural>[/<name>]            (the core group, "")
// check() rejects segments that would change the path (empty, "/", "?", "%", ".."), so a
// name from a request or a config cannot address another resource. ListQuery holds the
// selectors of a list or watch; with_query() appends percent-encoded query parameters.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/result.hpp"

namespace ckpt::kube {

struct ResourceRef {
  std::string group;           // "postgresql.cnpg.io"; "" for the core group
  std::string version;         // "v1"
  std::string plural;          // "backups"
  std::string namespace_name;  // empty for cluster-scoped resources (or all namespaces)
  std::string name;            // empty for the collection

  // The same resource type and namespace, another name (empty: the collection).
  ResourceRef named(std::string other_name) const;

  std::string collection_path() const;
  // The object's path; the collection's when name is empty.
  std::string path() const;
  // "backups.postgresql.cnpg.io" (plural alone for the core group), as in RBAC and messages.
  std::string resource() const;
  // `backups.postgresql.cnpg.io "b1" in namespace "develop"`, or for a collection
  // `backups.postgresql.cnpg.io in namespace "develop"`.
  std::string describe() const;

  // bad_request naming the field when a segment is unusable in a path (name and namespace
  // may be empty, version and plural may not).
  Result<void> check() const;
};

struct ListQuery {
  std::string label_selector;  // e.g. "app=db,tier!=cache"
  std::string field_selector;  // e.g. "metadata.name=b1"
};

// Percent-encodes everything but RFC 3986 unreserved characters.
std::string query_escape(std::string_view value);

using QueryParams = std::vector<std::pair<std::string, std::string>>;

// path + "?k=v&..." with every value escaped; parameters with an empty value are left out.
std::string with_query(std::string path, const QueryParams& params);

// The query narrowed to ref's object (fieldSelector metadata.name=<name>) when ref names
// one; unchanged for a collection.
ListQuery narrowed_to(const ResourceRef& ref, ListQuery query);

// The labelSelector and fieldSelector parameters of a query.
QueryParams selector_params(const ListQuery& query);

}  // namespace ckpt::kube
