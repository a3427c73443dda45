// Request bodies sent as application/vnd.kubernetes.protobuf, which kubectl's typed
// clients use for built-in types (`kubectl create configmap`): the envelope ("k8s\0", then
// a runtime.Unknown holding apiVersion, kind and the object's message) turned into the
// JSON object the rest of the server handles. Only the messages of v1 ConfigMap are known
// (its ObjectMeta's name, generateName, namespace, labels, annotations and finalizers;
// the fields the server sets itself are ignored); any other kind is UnsupportedMediaType,
// malformed protobuf BadRequest. Pure.
#pragma once

#include <boost/json/object.hpp>
#include <string_view>

#include "core/result.hpp"

namespace ckpt::kubeapi {

inline constexpr std::string_view kProtobufMediaType = "application/vnd.kubernetes.protobuf";

Result<boost::json::object> object_from_protobuf(std::string_view body);

}  // namespace ckpt::kubeapi
