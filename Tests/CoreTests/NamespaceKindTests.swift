import Foundation
import Testing
@testable import NSCore

/// Namespace types as one typed value (issue 20): lists as options take them, link targets,
/// *_for_children links and their type, and the JSON spelling kept.
@Suite struct NamespaceKindTests {
    @Test func listsAsOptionsTakeThem() throws {
        #expect(try NamespaceKind.parseTypes("pid,net").get() == [.pid, .net])
        // unshare(1)'s long names, spaces, duplicates and empty words.
        #expect(try NamespaceKind.parseTypes(" mount, network ,pid,,mnt").get() == [.mnt, .net, .pid])
        #expect(try NamespaceKind.parseTypes("").get() == [])
        // A link that is not a type of its own, and an unknown word, are named.
        #expect(NamespaceKind.parseTypes("pid,pid_for_children") == .failure(.init(word: "pid_for_children")))
        #expect(NamespaceKind.parseTypes("uts,bogus,x") == .failure(.init(word: "bogus")))
        #expect(NamespaceKind.UnknownType.known == "known: user,pid,mnt,net,uts,ipc,cgroup,time")
    }

    @Test func linksAndTheirTypes() throws {
        #expect(NamespaceKind.type(ofLink: "net:[4026531840]") == .net)
        #expect(NamespaceKind.type(ofLink: "pid_for_children:[1]") == nil)
        #expect(NamespaceKind.type(ofLink: "/etc/passwd") == nil)
        #expect(NamespaceKind.pidForChildren.base == .pid && NamespaceKind.timeForChildren.base == .time && NamespaceKind.uts.base == .uts)
        // An id of a *_for_children link is of the namespace's type.
        #expect(NamespaceID(type: .pidForChildren, inode: 7) == NamespaceID(type: .pid, inode: 7))
        #expect(NamespaceID(type: .timeForChildren, inode: 7).description == "time:[7]")
        // Listed user first, then pid, whatever the inodes.
        #expect([NamespaceID(type: .net, inode: 1), NamespaceID(type: .user, inode: 9), NamespaceID(type: .pid, inode: 5)].sorted()
                .map(\.type) == [.user, .pid, .net])
    }

    @Test func jsonSpellsTheTypeAsBefore() throws {
        let id = NamespaceID(type: .pid, inode: 4026531836)
        let text = String(decoding: try JSONEncoder().encode(id), as: UTF8.self)
        #expect(text.contains(#""type":"pid""#))
        #expect(try JSONDecoder().decode(NamespaceID.self, from: Data(#"{"type":"mnt","inode":5}"#.utf8)) == NamespaceID(type: .mnt, inode: 5))
        #expect(try JSONDecoder().decode(NamespaceID.self, from: Data(#"{"type":"pid_for_children","inode":5}"#.utf8)).type == .pid)
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(NamespaceID.self, from: Data(#"{"type":"bogus","inode":5}"#.utf8)) }
        let t = Transition(pid: 1, kind: .pidForChildren, from: nil, to: NamespaceID(type: .pid, inode: 2), cause: "unshare", call: nil, t: 0)
        #expect(String(decoding: try JSONEncoder().encode(t), as: UTF8.self).contains(#""kind":"pid_for_children""#))
    }
}
