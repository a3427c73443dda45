// Keeps secrets out of logs, recorded checkpoints and error messages.
//
// redact(text, secrets): every occurrence of a known secret becomes "[redacted]". Where
// secrets overlap, the longest one starting at a position wins; empty secrets are
// ignored. One left-to-right pass: a replacement is never scanned again, so a secret such
// as "red" cannot mangle the "[redacted]" put in before it.
//
// redact(text): for text from outside that may carry a credential checkpointd does not
// know (a child process's output, a libpq or libpqxx error, a server's log): masks the
// value of every credential written in a recognisable form, whatever the value:
//   - a keyword ending in "password" or "passwd" (any case: password, PGPASSWORD,
//     sslpassword, db_passwd) followed by '=' or, JSON-style quoted, by ':' -- the value
//     up to whitespace or '&' (a URL query), or the whole quoted value when it is quoted
//     ('...' with backslash escapes, as in a libpq conninfo, or "...");
//   - the password of a URL's user information: scheme://user:PASSWORD@host;
//   - a bearer token: "Bearer TOKEN".
// The name before the value stays, so a message still says what was masked:
// "password=[redacted]", "postgresql://app:[redacted]@db:5432/app", "Bearer [redacted]".
// Every error text that comes from a child process or from libpq passes through it where
// it enters checkpointd (pg/process.hpp, pg/session.hpp), before it is logged, recorded
// or returned.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace ckpt::obs {

inline constexpr std::string_view kRedacted = "[redacted]";

std::string redact(std::string_view text, const std::vector<std::string>& secrets);

std::string redact(std::string_view text);

}  // namespace ckpt::obs
