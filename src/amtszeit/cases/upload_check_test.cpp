#include "amtszeit/cases/upload_check.h"

#include <gtest/gtest.h>

namespace amtszeit::cases {
namespace {

TEST(UploadCheck, RecognisesPdfJpegAndPngByTheirFirstBytes) {
  EXPECT_EQ(SniffContentType("%PDF-1.7\n%\xE2\xE3\xCF\xD3"), "application/pdf");
  EXPECT_EQ(SniffContentType("\xFF\xD8\xFF\xE0\x00\x10JFIF"), "image/jpeg");
  EXPECT_EQ(SniffContentType(std::string_view("\x89PNG\r\n\x1A\n\0\0\0\rIHDR", 16)), "image/png");
}

TEST(UploadCheck, RefusesWhatMerelyClaimsToBeADocument) {
  EXPECT_EQ(SniffContentType(""), "");
  EXPECT_EQ(SniffContentType("%PD"), "");
  EXPECT_EQ(SniffContentType("<html><script>alert(1)</script>"), "");
  EXPECT_EQ(SniffContentType("MZ\x90\x00"), "");                   // a Windows program
  EXPECT_EQ(SniffContentType(" %PDF-1.7"), "");                    // not at the start
  EXPECT_EQ(SniffContentType("\x89PNG\r\n"), "");                  // truncated signature
  EXPECT_EQ(SniffContentType("PK\x03\x04word/document.xml"), "");  // an office file
}

TEST(UploadCheck, SanitisesFileNames) {
  EXPECT_EQ(SanitiseFileName("Ausweis.pdf"), "Ausweis.pdf");
  EXPECT_EQ(SanitiseFileName("../../etc/passwd"), "passwd");
  EXPECT_EQ(SanitiseFileName("C:\\Users\\erika\\Scan 01.pdf"), "Scan 01.pdf");
  EXPECT_EQ(SanitiseFileName("a\"b;c\r\nd.pdf"), "a_b_cd.pdf");
  EXPECT_EQ(SanitiseFileName(".."), "document");
  EXPECT_EQ(SanitiseFileName(""), "document");
  EXPECT_EQ(SanitiseFileName("  .hidden. "), "hidden");
  EXPECT_EQ(SanitiseFileName("Übermittlung_Größe.pdf"), "Übermittlung_Größe.pdf");
  // Long names are cut at 100 bytes without splitting a character ("ü" is two bytes).
  std::string umlauts;
  for (int i = 0; i < 80; ++i) umlauts += "ü";
  const std::string shortened = SanitiseFileName(umlauts);
  EXPECT_EQ(shortened.size(), 100u);
  EXPECT_EQ(shortened, umlauts.substr(0, 100));
}

TEST(UploadCheck, DecodesBase64Strictly) {
  EXPECT_EQ(*DecodeBase64("JVBERi0xLjcK"), "%PDF-1.7\n");
  EXPECT_EQ(*DecodeBase64(""), "");
  EXPECT_FALSE(DecodeBase64("JVBER!0xLjcK"));
  EXPECT_FALSE(DecodeBase64("JVBERi0xLjcK\n"));
  EXPECT_FALSE(DecodeBase64("JVBERi0xLjc"));  // missing padding
  EXPECT_GE(DecodedSizeBound(12), 9u);
}

}  // namespace
}  // namespace amtszeit::cases
