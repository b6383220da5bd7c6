// Keeps the citizen's link token for messages that are sent later (a reminder two days before
// the appointment needs the link the confirmation carried). The database stores only a hash of
// the token, so the token is kept sealed (libsodium crypto_secretbox, XSalsa20-Poly1305) under a
// key that lives in a file of its own beside the database, never in it: a copy of the database
// alone does not let anyone manage appointments.
//
//   auto box = SecretBox::LoadOrCreate("var/amtszeit.db.notify-key");  // 0600, made once
//   std::string sealed = box->Seal(token);
//   Result<std::string> token = box->Open(sealed);
#pragma once

#include <sodium.h>

#include <array>
#include <string>
#include <string_view>

#include "amtszeit/domain/error.h"

namespace amtszeit::notify {

class SecretBox {
 public:
  // Reads the key file, or creates it (mode 0600) with a new random key when it is missing. A
  // key file that others may read, or that is not a key, is refused.
  static Result<SecretBox> LoadOrCreate(const std::string& path);
  // A key only in memory: for tests, and for servers that keep no pending links across restarts.
  static SecretBox WithRandomKey();

  // Base64 of a random nonce followed by the box.
  std::string Seal(std::string_view plaintext) const;
  // kDataLoss when the text was not sealed under this key or was altered.
  Result<std::string> Open(std::string_view sealed) const;

 private:
  SecretBox();
  std::array<unsigned char, crypto_secretbox_KEYBYTES> key_{};
};

}  // namespace amtszeit::notify
