// plan check: judge a plan file offline and print the review; run --dry-run shows a
// review the same way.
#include <ostream>

#include "cli/outcome.hpp"
#include "cli/plan_review.hpp"
#include "cli/plan_views.hpp"
#include "cli/verb_parts.hpp"

namespace ckpt::cli {

int show_review(const PlanReview& review, const std::string& rendered, const Command& command, const Console& console) {
  console.out << rendered;
  // In table mode the verdict line says it all; json/yaml readers get the line on stderr too.
  if (review.problem && command.output != OutputFormat::table) console.err << error_line(*review.problem) << '\n';
  return exit_code_of(review);
}

int run_plan_check(const Command& command, const VerbContext& context) {
  const PlanReview review = review_plan(command.plan_file);
  return show_review(review, render_plan_review(review, command.output), command, context.console);
}

}  // namespace ckpt::cli
