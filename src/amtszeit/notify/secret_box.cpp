#include "amtszeit/notify/secret_box.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <stdexcept>
#include <vector>

namespace amtszeit::notify {

namespace {

constexpr int kBase64 = sodium_base64_VARIANT_ORIGINAL;
constexpr std::size_t kHexKeyLength = crypto_secretbox_KEYBYTES * 2;

std::string Base64(const unsigned char* data, std::size_t size) {
  std::string out(sodium_base64_ENCODED_LEN(size, kBase64), '\0');
  sodium_bin2base64(out.data(), out.size(), data, size, kBase64);
  out.resize(std::strlen(out.c_str()));
  return out;
}

Result<std::string> ReadKeyFile(const std::string& path) {
  const int fd = open(path.c_str(), O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
  if (fd < 0)
    return Fail(ErrorCode::kUnavailable, "cannot read {}: {}", path, std::strerror(errno));
  struct stat info {};
  std::string text(kHexKeyLength + 2, '\0');
  ssize_t n = -1;
  if (fstat(fd, &info) == 0) n = read(fd, text.data(), text.size());
  close(fd);
  if (!S_ISREG(info.st_mode)) return Fail(ErrorCode::kInvalidArgument, "{} is not a file", path);
  if ((info.st_mode & (S_IRWXG | S_IRWXO)) != 0) {
    return Fail(ErrorCode::kPreconditionFailed,
                "{} may be read by others; it keeps the key to citizens' links (chmod 600 it)",
                path);
  }
  if (n < 0) return Fail(ErrorCode::kUnavailable, "cannot read {}: {}", path, std::strerror(errno));
  text.resize(static_cast<std::size_t>(n));
  while (!text.empty() && (text.back() == '\n' || text.back() == '\r')) text.pop_back();
  return text;
}

// O_EXCL: of two servers starting at once, one writes the key and the other reads it.
Result<bool> CreateKeyFile(const std::string& path, std::string_view hex) {
  const int fd = open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
  if (fd < 0) {
    if (errno == EEXIST) return false;
    return Fail(ErrorCode::kUnavailable, "cannot create {}: {}", path, std::strerror(errno));
  }
  const std::string line = std::string(hex) + "\n";
  const bool ok =
      write(fd, line.data(), line.size()) == static_cast<ssize_t>(line.size()) && fsync(fd) == 0;
  close(fd);
  if (!ok) {
    unlink(path.c_str());
    return Fail(ErrorCode::kUnavailable, "cannot write {}", path);
  }
  return true;
}

}  // namespace

SecretBox::SecretBox() {
  static const bool ready = [] {
    if (sodium_init() < 0) throw std::runtime_error("libsodium could not be initialised");
    return true;
  }();
  (void)ready;
}

SecretBox SecretBox::WithRandomKey() {
  SecretBox box;
  crypto_secretbox_keygen(box.key_.data());
  return box;
}

Result<SecretBox> SecretBox::LoadOrCreate(const std::string& path) {
  SecretBox box = WithRandomKey();
  std::string hex(kHexKeyLength + 1, '\0');
  sodium_bin2hex(hex.data(), hex.size(), box.key_.data(), box.key_.size());
  hex.resize(kHexKeyLength);
  auto created = CreateKeyFile(path, hex);
  sodium_memzero(hex.data(), hex.size());
  if (!created) return std::unexpected(created.error());
  if (*created) return box;
  auto text = ReadKeyFile(path);
  if (!text) return std::unexpected(text.error());
  std::size_t length = 0;
  const bool ok = text->size() == kHexKeyLength &&
                  sodium_hex2bin(box.key_.data(), box.key_.size(), text->data(), text->size(),
                                 nullptr, &length, nullptr) == 0 &&
                  length == box.key_.size();
  sodium_memzero(text->data(), text->size());
  if (!ok) {
    return Fail(ErrorCode::kDataLoss, "{} does not hold a key ({} hex digits expected)", path,
                kHexKeyLength);
  }
  return box;
}

std::string SecretBox::Seal(std::string_view plaintext) const {
  std::vector<unsigned char> out(crypto_secretbox_NONCEBYTES + crypto_secretbox_MACBYTES +
                                 plaintext.size());
  randombytes_buf(out.data(), crypto_secretbox_NONCEBYTES);
  crypto_secretbox_easy(out.data() + crypto_secretbox_NONCEBYTES,
                        reinterpret_cast<const unsigned char*>(plaintext.data()), plaintext.size(),
                        out.data(), key_.data());
  return Base64(out.data(), out.size());
}

Result<std::string> SecretBox::Open(std::string_view sealed) const {
  std::vector<unsigned char> raw(sealed.size());
  std::size_t size = 0;
  if (sodium_base642bin(raw.data(), raw.size(), sealed.data(), sealed.size(), nullptr, &size,
                        nullptr, kBase64) != 0 ||
      size < crypto_secretbox_NONCEBYTES + crypto_secretbox_MACBYTES) {
    return Fail(ErrorCode::kDataLoss, "sealed link token is malformed");
  }
  const std::size_t box_size = size - crypto_secretbox_NONCEBYTES;
  std::string plain(box_size - crypto_secretbox_MACBYTES, '\0');
  if (crypto_secretbox_open_easy(reinterpret_cast<unsigned char*>(plain.data()),
                                 raw.data() + crypto_secretbox_NONCEBYTES, box_size, raw.data(),
                                 key_.data()) != 0) {
    return Fail(ErrorCode::kDataLoss, "sealed link token does not open under this key");
  }
  return plain;
}

}  // namespace amtszeit::notify
