// The values the API server generates for new objects: a random UUID for metadata.uid, the
// 5-character suffix appended to metadata.generateName, and metadata timestamps (RFC 3339
// in UTC with seconds precision, "2026-01-15T10:30:00Z").
#pragma once

#include <chrono>
#include <string>

namespace ckpt::kubeapi {

std::string new_uid();
std::string random_name_suffix();
std::string kube_timestamp(std::chrono::system_clock::time_point at);

}  // namespace ckpt::kubeapi
