#include "cli/plan_review.hpp"

#include "cli/outcome.hpp"
#include "core/plan_rules.hpp"
#include "plan/plan_classification.hpp"
#include "plan/plan_loader.hpp"

namespace ckpt::cli {

PlanReview review_plan(const std::filesystem::path& file) {
  PlanReview review;
  auto loaded = load_plan_file(file);
  if (!loaded) {
    review.problem = std::move(loaded).error();
    return review;
  }
  review.plan = std::move(loaded).value();
  if (auto classified = classify_plan(*review.plan); !classified) {
    review.problem = std::move(classified).error();
    return review;
  }
  if (auto checked = check_plan(*review.plan); !checked) review.problem = std::move(checked).error();
  return review;
}

int exit_code_of(const PlanReview& review) {
  return review.problem ? exit_code_for(*review.problem) : proto::kExitOk;
}

}  // namespace ckpt::cli
