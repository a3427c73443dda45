// CRC-32C (Castagnoli, the checksum of iSCSI, ext4 and PostgreSQL's WAL) of a byte
// string. Guards each journal record against torn and corrupted writes.
#pragma once

#include <cstdint>
#include <string_view>

namespace ckpt {

std::uint32_t crc32c(std::string_view bytes);

}  // namespace ckpt
