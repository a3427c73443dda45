#include "obs/redact.hpp"

#include <algorithm>
#include <cctype>

namespace ckpt::obs {
namespace {

char lower(char c) {
  return static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
}

bool is_space(char c) {
  return std::isspace(static_cast<unsigned char>(c)) != 0;
}

bool is_word(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '_' || c == '-';
}

// `text` ends with `suffix`, ignoring ASCII case.
bool ends_with_nocase(std::string_view text, std::string_view suffix) {
  if (text.size() < suffix.size()) return false;
  const auto tail = text.substr(text.size() - suffix.size());
  return std::equal(tail.begin(), tail.end(), suffix.begin(), [](char a, char b) { return lower(a) == b; });
}

bool is_password_keyword(std::string_view word) {
  return ends_with_nocase(word, "password") || ends_with_nocase(word, "passwd");
}

// The end of a value starting at `start`: a quoted one ends after its closing quote
// (backslash escapes), a bare one at whitespace or '&'.
std::size_t value_end(std::string_view text, std::size_t start) {
  if (start >= text.size()) return start;
  const char quote = text[start];
  if (quote == '\'' || quote == '"') {
    for (std::size_t i = start + 1; i < text.size(); ++i) {
      if (text[i] == '\\') {
        ++i;
      } else if (text[i] == quote) {
        return i + 1;
      }
    }
    return text.size();  // an unterminated quote: everything after it may be the secret
  }
  std::size_t i = start;
  while (i < text.size() && !is_space(text[i]) && text[i] != '&') ++i;
  return i;
}

// A credential whose value starts at the returned position when one starts at `pos`
// (`pos` is where the keyword or marker ends); npos otherwise.
struct Match {
  std::size_t value_start = std::string_view::npos;
  std::size_t value_end = std::string_view::npos;
};

// keyword=VALUE, keyword = VALUE, "keyword": "VALUE", 'keyword': 'VALUE'. `pos` is the
// start of a word.
Match keyword_value(std::string_view text, std::size_t pos) {
  std::size_t end = pos;
  while (end < text.size() && is_word(text[end])) ++end;
  if (!is_password_keyword(text.substr(pos, end - pos))) return {};
  const bool quoted_key =
      pos > 0 && (text[pos - 1] == '"' || text[pos - 1] == '\'') && end < text.size() && text[end] == text[pos - 1];
  std::size_t i = quoted_key ? end + 1 : end;
  while (i < text.size() && text[i] == ' ') ++i;
  if (i >= text.size()) return {};
  if (text[i] != '=' && !(quoted_key && text[i] == ':')) return {};
  ++i;
  while (i < text.size() && text[i] == ' ') ++i;
  const auto stop = value_end(text, i);
  if (stop == i) return {};
  return {i, stop};
}

// scheme://user:PASSWORD@host. `pos` is just after "://".
Match url_password(std::string_view text, std::size_t pos) {
  std::size_t end = pos;
  while (end < text.size() && !is_space(text[end]) && text[end] != '/' && text[end] != '?' && text[end] != '#' &&
         text[end] != '\'' && text[end] != '"' && text[end] != '>' && text[end] != ')') {
    ++end;
  }
  const auto authority = text.substr(pos, end - pos);
  const auto at = authority.rfind('@');
  if (at == std::string_view::npos) return {};
  const auto colon = authority.find(':');
  if (colon == std::string_view::npos || colon > at) return {};
  if (colon + 1 == at) return {};  // user: with an empty password
  return {pos + colon + 1, pos + at};
}

// Bearer TOKEN, as in an Authorization header: "Bearer" capitalised, a token of 8
// characters or more (so "bearer token of user ..." in a message is left alone).
Match bearer_token(std::string_view text, std::size_t pos) {
  constexpr std::string_view kBearer = "Bearer ";
  constexpr std::size_t kShortest = 8;
  if (text.substr(pos, kBearer.size()) != kBearer) return {};
  const auto start = pos + kBearer.size();
  std::size_t end = start;
  while (end < text.size() && !is_space(text[end]) && text[end] != '"' && text[end] != '\'' && text[end] != ',' &&
         text[end] != ')' && text[end] != '[') {
    ++end;
  }
  if (end - start < kShortest) return {};
  return {start, end};
}

}  // namespace

std::string redact(std::string_view text, const std::vector<std::string>& secrets) {
  std::string out;
  out.reserve(text.size());
  std::size_t pos = 0;
  while (pos < text.size()) {
    std::size_t longest = 0;
    for (const auto& secret : secrets) {
      if (secret.size() > longest && text.substr(pos, secret.size()) == secret) longest = secret.size();
    }
    if (longest > 0) {
      out += kRedacted;
      pos += longest;
    } else {
      out += text[pos];
      ++pos;
    }
  }
  return out;
}

std::string redact(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  std::size_t pos = 0;
  while (pos < text.size()) {
    Match match;
    if (text.substr(pos, 3) == "://") {
      out += "://";
      pos += 3;
      match = url_password(text, pos);
      if (match.value_start == std::string_view::npos) continue;
    } else if (is_word(text[pos]) && (pos == 0 || !is_word(text[pos - 1]))) {
      match = keyword_value(text, pos);
      if (match.value_start == std::string_view::npos) match = bearer_token(text, pos);
    }
    if (match.value_start == std::string_view::npos) {
      out += text[pos];
      ++pos;
      continue;
    }
    out.append(text.substr(pos, match.value_start - pos));
    const char quote = text[match.value_start];
    const bool quoted = (quote == '\'' || quote == '"') && match.value_end > match.value_start + 1 &&
                        text[match.value_end - 1] == quote;
    if (quoted) out += quote;
    out += kRedacted;
    if (quoted) out += quote;
    pos = match.value_end;
  }
  return out;
}

}  // namespace ckpt::obs
