#include "kubeapi/server/base64.hpp"

#include <openssl/evp.h>

#include <vector>

namespace ckpt::kubeapi {

std::string base64_encode(std::string_view bytes) {
  std::string out(4 * ((bytes.size() + 2) / 3), '\0');
  const int written =
      EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                      reinterpret_cast<const unsigned char*>(bytes.data()), static_cast<int>(bytes.size()));
  out.resize(static_cast<std::size_t>(written));
  return out;
}

std::optional<std::string> base64_decode(std::string_view text) {
  if (text.size() % 4 != 0) return std::nullopt;
  std::vector<unsigned char> out(text.size() / 4 * 3 + 1);
  const int decoded = EVP_DecodeBlock(out.data(), reinterpret_cast<const unsigned char*>(text.data()),
                                      static_cast<int>(text.size()));
  if (decoded < 0) return std::nullopt;
  std::size_t size = static_cast<std::size_t>(decoded);
  // EVP_DecodeBlock counts padding as decoded zero bytes.
  if (!text.empty() && text.back() == '=') --size;
  if (text.size() > 1 && text[text.size() - 2] == '=') --size;
  std::string result(reinterpret_cast<const char*>(out.data()), size);
  if (base64_encode(result) != text) return std::nullopt;
  return result;
}

}  // namespace ckpt::kubeapi
