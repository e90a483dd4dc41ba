import Foundation
import FuzzSupport
import NSImage

// libFuzzer target: layer blobs (plain tar, gzip or zstd: the reader detects which) with
// every entry a tar can hold. The input is one layer, or two when it starts with "2L"
// (split at the first "\n--\n"). The layers go into an OCI layout with matching digests
// (the diff_id of a compressed input does not match: the unpack then fails after applying
// its entries, which exercises the undo) and through exerciseImage: nothing outside the
// target may change, a failed unpack leaves nothing, reports are terminal-safe.

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzLayerTar(_ p: UnsafePointer<UInt8>, _ count: Int) -> CInt {
    var input = Data(bytes: p, count: count)
    var layers: [Data] = [input]
    if input.starts(with: Array("2L".utf8)) {
        input = input.dropFirst(2)
        if let r = input.range(of: Data("\n--\n".utf8)) {
            layers = [Data(input[input.startIndex..<r.lowerBound]), Data(input[r.upperBound...])]
        } else {
            layers = [Data(input)]
        }
    }
    let s = Sandbox()
    writeLayout(s.image, layers: layers.map { (blob: $0, tar: $0) })
    // A small limit: a zip bomb must stop at it, and the fuzzer stays fast.
    exerciseImage(s.image, sandbox: s, maxLayerSize: 8 << 20)
    return 0
}
