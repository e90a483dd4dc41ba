/// A struct's stored fields kept in one shared box: copying the struct is one retain however
/// many counted references the fields hold, and a copy that is changed takes a box of its
/// own first (copy on write, as Array does). For the decoder's values copied on every traced
/// call (`DecodeOptions`, `DecodedEntry`): docs/performance.md, "trace --bpf".
struct CopyOnWrite<Value>: @unchecked Sendable {
    private final class Box {
        var value: Value
        init(_ value: Value) { self.value = value }
    }
    private var box: Box

    init(_ value: Value) { box = Box(value) }

    /// The fields; changing them changes this copy only.
    var value: Value {
        get { box.value }
        _modify {
            if !isKnownUniquelyReferenced(&box) { box = Box(box.value) }
            yield &box.value
        }
    }
}
