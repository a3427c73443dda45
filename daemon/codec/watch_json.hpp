// A checkpoint's SLO watch and flag changes (core/watch.hpp) as JSON, as the API shows it and the journal
// stores it: stages, phases and rungs by name, times as RFC 3339 UTC, a metric's
// measurements with the counters of folded ones. Decoding (for stored data) is the exact
// inverse; the first bad field is named by its path with ErrorCode::internal.
#pragma once

#include <boost/json/object.hpp>
#include <string>

#include "core/result.hpp"
#include "core/watch.hpp"

namespace ckpt {

boost::json::object to_json(const WatchRecord& watch);
boost::json::object to_json(const Measurement& measurement);
boost::json::object to_json(const CheckResult& check);
boost::json::object to_json(const RungRecord& rung);
boost::json::object to_json(const FlagChange& change);

Result<WatchRecord> watch_record_from_json(const boost::json::object& json, std::string path);
Result<Measurement> measurement_from_json(const boost::json::object& json, std::string path);
Result<CheckResult> check_result_from_json(const boost::json::object& json, std::string path);
Result<RungRecord> rung_record_from_json(const boost::json::object& json, std::string path);
Result<FlagChange> flag_change_from_json(const boost::json::object& json, std::string path);

}  // namespace ckpt
