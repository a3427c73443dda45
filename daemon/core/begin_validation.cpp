#include "core/begin_validation.hpp"

#include <cctype>
#include <string>
#include <string_view>

namespace ckpt {
namespace {

bool is_blank(std::string_view text) {
  for (const char c : text) {
    if (std::isspace(static_cast<unsigned char>(c)) == 0) return false;
  }
  return true;
}

std::string_view trimmed(std::string_view text) {
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front())) != 0) text.remove_prefix(1);
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back())) != 0) text.remove_suffix(1);
  return text;
}

}  // namespace

bool is_valid_cluster_name(std::string_view name) {
  if (name.empty() || name.size() > 40) return false;
  if (name.front() < 'a' || name.front() > 'z') return false;
  if (name.back() == '-') return false;
  for (const char c : name) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
    if (!ok) return false;
  }
  return true;
}

Result<void> validate_begin(const BeginRequest& request) {
  if (is_blank(request.migration_id)) {
    return make_error(ErrorCode::bad_request, "field 'migration_id' must not be empty");
  }
  if (!is_valid_cluster_name(request.cluster)) {
    return make_error(ErrorCode::bad_request,
                      "field 'cluster' must be a configured cluster name (lowercase letters, digits "
                      "and '-', at most 40 characters), got '" + request.cluster + "'");
  }
  // A drill runs no migration: it has no rollback window to approve.
  if (request.drill) return {};
  if (request.window.duration <= Millis{0}) {
    return make_error(ErrorCode::refused,
                      "no approved rollback window: 'rollback_window.duration' is missing or zero; "
                      "give the window (e.g. 24h), its owner and its approver",
                      refusal::missing_rollback_window);
  }
  if (is_blank(request.window.owner)) {
    return make_error(ErrorCode::refused,
                      "no approved rollback window: 'rollback_window.owner' is missing; name the "
                      "person who owns the rollback",
                      refusal::missing_owner);
  }
  if (is_blank(request.window.approver)) {
    return make_error(ErrorCode::refused,
                      "no approved rollback window: 'rollback_window.approver' is missing; name the "
                      "person who approved the window",
                      refusal::missing_approver);
  }
  if (same_person(request.window.owner, request.window.approver)) {
    return make_error(ErrorCode::refused,
                      "no approved rollback window: 'rollback_window.approver' is the owner '" +
                          std::string(trimmed(request.window.owner)) +
                          "'; the approval path needs a second person: name someone other than the owner "
                          "as the approver",
                      refusal::approver_is_owner);
  }
  return {};
}

bool same_person(std::string_view a, std::string_view b) {
  a = trimmed(a);
  b = trimmed(b);
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(a[i])) != std::tolower(static_cast<unsigned char>(b[i]))) return false;
  }
  return true;
}

}  // namespace ckpt
