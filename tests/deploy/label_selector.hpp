// Kubernetes label selectors evaluated on a set of labels, as the API server and the
// NetworkPolicy implementations do: matchLabels and matchExpressions (In, NotIn, Exists,
// DoesNotExist) must all hold; an empty selector selects everything.
#pragma once

#include <yaml-cpp/yaml.h>

#include <map>
#include <string>

namespace ckpt::test {

using Labels = std::map<std::string, std::string>;

// The labels of a `metadata` map (its `labels` key).
Labels labels_of(const YAML::Node& metadata);

// Whether `selector` selects an object with `labels`. An undefined selector selects
// nothing; an unknown operator selects nothing.
bool selects(const YAML::Node& selector, const Labels& labels);

}  // namespace ckpt::test
