// Resource types the test server serves without a CRD file:
// - core v1 namespaces (cluster-scoped; get/list/watch/create; new ones are Active) and
//   secrets (stringData folded into base64 data, type defaults to Opaque);
// - core v1 configmaps and apps/v1 deployments, with schemas (unknown fields are refused,
//   except inside a pod template's spec), the API server's checks and defaults and its
//   printer columns (config_map_type.cpp, deployment_type.cpp);
// - apiextensions.k8s.io/v1 customresourcedefinitions (read-only; the loaded CRDs);
// - the identities of the CNPG kinds (postgresql.cnpg.io/v1 clusters, backups,
//   scheduledbackups; barmancloud.cnpg.io/v1 objectstores), names and printer columns as in
//   the v1.30.0 / plugin v0.14.0 CRDs, used only when a CRD file is missing: without a
//   schema, bodies are not schema-checked. A test keeps them equal to the CRD files.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"
#include "kubeapi/server/resource_type.hpp"

namespace ckpt::kubeapi {

ResourceType namespace_type();
ResourceType secret_type();
Result<ResourceType> config_map_type();
Result<ResourceType> deployment_type();
ResourceType custom_resource_definition_type();
std::vector<ResourceType> cnpg_fallback_types();

// The column a CRD version without additionalPrinterColumns is printed with.
PrinterColumn default_age_column();
// A CRD printer column without a description gets this one (as the API server does).
PrinterColumn crd_printer_column(std::string name, std::string type, std::string json_path);

// A built-in type's schema, written as an openAPIV3Schema in YAML.
Result<std::shared_ptr<const ObjectSchema>> builtin_schema(std::string_view yaml);

}  // namespace ckpt::kubeapi
