// Test support: validates an object against a CRD's openAPIV3Schema with unknown fields
// REJECTED, as the API server's structural pruning would silently drop them. The schema
// is adapted for a JSON Schema validator (valijson, draft 4): every object schema with
// `properties` and without `x-kubernetes-preserve-unknown-fields: true` gets
// `additionalProperties: false`; `x-kubernetes-int-or-string` becomes anyOf
// integer/string. CEL rules and webhooks are not evaluated.
#pragma once

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include <boost/json/value.hpp>

namespace ckpt::cnpg::testing {

class CrdValidator {
 public:
  // Loads <crd_directory>/<file> (e.g. "postgresql.cnpg.io_clusters.yaml").
  CrdValidator(const std::filesystem::path& crd_directory, const std::string& file);
  ~CrdValidator();
  CrdValidator(const CrdValidator&) = delete;
  CrdValidator& operator=(const CrdValidator&) = delete;

  // One line per violation ("spec.bootstrap.recovery: ..."); empty when valid.
  std::vector<std::string> violations(const boost::json::value& object) const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace ckpt::cnpg::testing
