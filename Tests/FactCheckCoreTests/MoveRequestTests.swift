import FactCheckCore
import Testing

/// Both web doors read a move's fields through `MoveRequest`; these are its rules.
@Suite struct MoveRequestTests {
    /// Exactly the moves the transition table marks `needsReason` refuse to go without one.
    @Test(arguments: MoveRequest.actions)
    func aReasonIsRequiredExactlyWhereTheTableSaysSo(_ action: Action) throws {
        let needsReason = Workflow.transitions.first { $0.action == action }?.needsReason ?? false
        let bare = MoveRequest.Fields(user: "ben", rating: "false", conclusion: "The figure is wrong.")
        if needsReason {
            #expect(throws: DomainError.self) { try MoveRequest.validated(action, bare) }
            var given = bare
            given.reason = "duplicate of C-3"
            _ = try MoveRequest.validated(action, given)
        } else {
            _ = try MoveRequest.validated(action, bare)
        }
    }

    @Test func eachMoveCarriesItsFields() throws {
        #expect(try MoveRequest.validated(named: "assign", .init(user: " Ben", reason: "yours")) == .assign(user: "ben", note: "yours"))
        #expect(try MoveRequest.validated(.assign, .init(user: "ben", note: "a note")) == .assign(user: "ben", note: "a note"))
        #expect(try MoveRequest.validated(named: "publish", .init(url: "https://desk.example/c/1"))
            == .transition(.publish, reason: nil, publishedURL: "https://desk.example/c/1"))
        #expect(try MoveRequest.validated(named: "publish", .init(url: "  ")) == .transition(.publish, reason: nil, publishedURL: nil))
        #expect(try MoveRequest.validated(named: "return", .init(reason: "needs a source"))
            == .decide(.returnVerdict, reason: "needs a source"))
        #expect(try MoveRequest.validated(named: "approve", .init()) == .decide(.approve, reason: nil))
        #expect(try MoveRequest.validated(named: "propose", .init(rating: "false", conclusion: "Wrong."))
            == .propose(rating: "false", conclusion: "Wrong."))
    }

    @Test func badValuesAndUnknownMovesAreRefused() {
        #expect(throws: DomainError.self) { try MoveRequest.validated(named: "publish", .init(url: "javascript:alert(1)")) }
        #expect(throws: DomainError.self) { try MoveRequest.validated(named: "propose", .init(rating: "false", conclusion: " ")) }
        #expect(throws: DomainError.self) { try MoveRequest.validated(named: "delete", .init()) }
        #expect(throws: DomainError.self) { try MoveRequest.validated(.export, .init()) }
        #expect(throws: DomainError.self) { try MoveRequest.validated(named: "reject", .init(reason: String(repeating: "x", count: 2001))) }
    }

    @Test func everyMoveHasOneNameAndTheNamesAreUnique() {
        let names = MoveRequest.actions.map(\.moveName)
        #expect(Set(names).count == names.count)
        #expect(Set(names) == ["start", "reject", "propose", "return", "approve", "publish", "reopen", "assign"])
    }
}
