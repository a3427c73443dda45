#include "demo_options.hpp"

#include <boost/program_options.hpp>
#include <charconv>
#include <cmath>
#include <sstream>

namespace ckpt::demo {
namespace {

namespace po = boost::program_options;

po::options_description described_options() {
  po::options_description options("checkpointd-demo-service: a service with a tunable error ratio to watch SLOs on");
  options.add_options()  //
      ("listen", po::value<std::string>()->default_value("127.0.0.1:0"),
       "HOST:PORT to serve on (port 0: any free one)")                                                   //
      ("rps", po::value<double>()->default_value(50), "requests per second the service makes up")        //
      ("error-ratio", po::value<double>()->default_value(0), "share of the requests that fail, 0 to 1")  //
      ("flag-file", po::value<std::string>(), "flagd flag file: errors only while --flag is on in it")   //
      ("flag", po::value<std::string>(), "the flag's name in --flag-file")                               //
      ("help", "show this help");
  return options;
}

Error invalid(const std::string& message) {
  return make_error(ErrorCode::bad_request, message);
}

// "127.0.0.1:8080" or "[::1]:8080".
Result<DemoOptions> with_listen(DemoOptions options, const std::string& listen) {
  const auto colon = listen.rfind(':');
  std::string host = listen.substr(0, colon);
  if (host.size() > 2 && host.front() == '[' && host.back() == ']') host = host.substr(1, host.size() - 2);
  unsigned port = 0;
  const std::string_view digits =
      colon == std::string::npos ? std::string_view{} : std::string_view{listen}.substr(colon + 1);
  const auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), port);
  if (host.empty() || digits.empty() || ec != std::errc{} || end != digits.data() + digits.size() || port > 65535) {
    return invalid("--listen \"" + listen + "\" must be HOST:PORT, e.g. 127.0.0.1:8080 or 127.0.0.1:0");
  }
  options.address = std::move(host);
  options.port = static_cast<std::uint16_t>(port);
  return options;
}

}  // namespace

Result<DemoOptions> parse_demo_options(int argc, const char* const* argv) {
  po::variables_map values;
  try {
    po::store(po::command_line_parser(argc, argv).options(described_options()).run(), values);
    po::notify(values);
  } catch (const po::error& failure) {
    return invalid(failure.what());
  }
  DemoOptions options;
  options.help = values.count("help") > 0;
  options.rps = values["rps"].as<double>();
  options.error_ratio = values["error-ratio"].as<double>();
  if (!(std::isfinite(options.rps) && options.rps >= 0)) return invalid("--rps must be a number of at least 0");
  if (!(options.error_ratio >= 0 && options.error_ratio <= 1)) return invalid("--error-ratio must be from 0 to 1");
  const bool has_file = values.count("flag-file") > 0;
  if (has_file != (values.count("flag") > 0)) return invalid("--flag-file and --flag go together");
  if (has_file) options.gate = FlagGate{values["flag-file"].as<std::string>(), values["flag"].as<std::string>()};
  return with_listen(std::move(options), values["listen"].as<std::string>());
}

std::string demo_usage() {
  std::ostringstream text;
  text << described_options();
  return text.str();
}

}  // namespace ckpt::demo
