@testable import NSCore
import Testing

// Temporary: the generated rows hold what the former tables and catalog held.
@Suite struct SpecEquivalenceTmpTests {
    @Test func sameAsBefore() {
        for (abi, old, sigs) in [(SyscallABI.x86_64, SyscallCatalog.x86_64, SyscallCatalog.signatures),
                                 (.i386, SyscallCatalog.i386, SyscallCatalog.i386Signatures)] {
            let rows = SyscallSpecs.rows(abi)
            #expect(rows.count == old.count, "\(abi)")
            #expect(rows.map(\.number) == rows.map(\.number).sorted())
            for row in rows {
                guard let e = old[row.name] else { Issue.record("\(abi) \(row.name) missing"); continue }
                #expect(e.number == row.number && e.count == row.parameters.count && e.classes == row.classes, "\(abi) \(row.name)")
                let a = row.signature.map { String(describing: $0) } ?? "nil"
                let b = sigs[row.name].map { String(describing: $0) } ?? "nil"
                #expect(a == b, "\(abi) \(row.name)")
            }
            // Signatures of names the ABI does not have (never reached by the tracer).
            let extra = Set(sigs.keys).subtracting(rows.map(\.name))
            print("\(abi): signatures without a row:", extra.sorted())
        }
    }
}
