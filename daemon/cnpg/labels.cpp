#include "cnpg/labels.hpp"

#include <algorithm>
#include <cctype>

namespace ckpt::cnpg {
namespace {

constexpr std::size_t kMaxLabelValueLength = 63;

bool is_alnum(char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0; }

bool allowed_in_label_value(char c) { return is_alnum(c) || c == '-' || c == '_' || c == '.'; }

}  // namespace

std::string sanitize_label_value(std::string_view text) {
  std::string value{text.substr(0, kMaxLabelValueLength)};
  std::replace_if(value.begin(), value.end(), [](char c) { return !allowed_in_label_value(c); }, '-');
  const auto first = std::find_if(value.begin(), value.end(), is_alnum);
  const auto last = std::find_if(value.rbegin(), value.rend(), is_alnum).base();
  return first < last ? std::string{first, last} : std::string{};
}

boost::json::object checkpoint_metadata(std::string_view name, std::string_view namespace_name,
                                        const Checkpoint& checkpoint) {
  return {
      {"name", name},
      {"namespace", namespace_name},
      {"labels",
       {
           {kCheckpointIdLabel, sanitize_label_value(checkpoint.id)},
           {kMigrationIdLabel, sanitize_label_value(checkpoint.request.migration_id)},
           {kManagedByLabel, kManagedByValue},
       }},
      {"annotations",
       {
           {kMigrationIdAnnotation, checkpoint.request.migration_id},
           {kPurposeAnnotation, checkpoint.request.purpose},
       }},
  };
}

}  // namespace ckpt::cnpg
