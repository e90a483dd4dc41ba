import Foundation
import Testing
@testable import NSImage

extension ImageSuite {
    /// SHA-256 comes from nettle (the library libarchive links): known answers from FIPS 180-2
    /// and its examples, fed whole and in pieces, so a wrong binding (a context reset, a
    /// length in bits, a lost update) shows.
    @Suite("SHA-256 known answers") struct DigestTests {
        static let answers: [(String, String)] = [
            ("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
            ("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
            ("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
             "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"),
        ]

        @Test func knownAnswers() {
            for (text, hex) in Self.answers {
                #expect(Digest.of(Data(text.utf8)).hex == hex, "\(text)")
            }
        }

        @Test func piecesGiveTheSameDigestAsTheWhole() {
            // One million "a" (FIPS 180-2, appendix B.3) fed in uneven pieces.
            var h = Hasher256()
            let chunk = Data(repeating: UInt8(ascii: "a"), count: 999)
            var left = 1_000_000
            while left > 0 {
                let n = min(left, chunk.count)
                h.update(chunk.prefix(n))
                left -= n
            }
            #expect(h.count == 1_000_000)
            #expect(h.finalize().hex == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
            // finalize() leaves the hasher as it was: more bytes go on from there.
            var g = Hasher256()
            g.update(Data("ab".utf8))
            _ = g.finalize()
            g.update(Data("c".utf8))
            #expect(g.finalize().hex == Self.answers[1].1)
        }
    }
}
