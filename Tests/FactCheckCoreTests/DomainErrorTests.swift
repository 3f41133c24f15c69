import Testing
import FactCheckCore

@Suite("Error messages")
struct DomainErrorTests {
    @Test func publishedClaimCanOnlyBeReopened() throws {
        let reviewer = Actor(handle: "rui", role: .reviewer, isActive: true)
        let error = try #require(refusal { () throws(DomainError) in
            try Workflow.decide(.approve, by: reviewer, state: .published, proposer: "ana")
        })
        #expect(error.message(claim: ClaimNumber(12))
            == "C-12 is published; a claim that is published can only be reopened (claim reopen)")
        #expect(error.description
            == "the claim is published; a claim that is published can only be reopened (claim reopen)")
        #expect(error.hint == "verdict approve needs a claim that is in review")
    }

    @Test func refusalListsEveryMoveFromTheState() throws {
        let error = try #require(refusal { () throws(DomainError) in try Workflow.target(of: .propose, from: .logged) })
        #expect(error.message(claim: ClaimNumber(3)) == "C-3 is logged; a claim that is logged can be started (claim start), "
            + "rejected (claim reject), assigned (claim assign) or edited (claim edit)")
        #expect(error.hint == "verdict propose needs a claim that is in research")
    }

    @Test func rejectHintNamesBothStates() throws {
        let error = try #require(refusal { () throws(DomainError) in try Workflow.target(of: .reject, from: .approved) })
        #expect(error.hint == "claim reject needs a claim that is logged or in research")
    }

    @Test func assignOnARejectedClaim() throws {
        let error = try #require(refusal { () throws(DomainError) in try Workflow.checkAssignable(.rejected) })
        #expect(error.message(claim: ClaimNumber(7))
            == "C-7 is rejected; a claim that is rejected can only be reopened (claim reopen)")
        #expect(error.hint == "claim assign needs a claim that is logged, in research, in review or approved")
    }

    @Test func roleWithoutTheRight() {
        let error = DomainError.notPermitted(handle: "ana", role: .editor, action: .approve)
        #expect(error.description == "ana is an editor, and an editor may not approve a verdict (verdict approve)")
        #expect(error.hint == "verdict approve is for reviewers and admins")
    }

    @Test func adminOnlyHint() {
        let error = DomainError.notPermitted(handle: "rui", role: .reviewer, action: .manageUsers)
        #expect(error.hint == "user add | deactivate is for admins")
    }

    @Test func deactivatedUser() {
        let error = DomainError.notPermitted(handle: "ana", role: nil, action: .start)
        #expect(error.description == "ana is deactivated and may not start research on a claim (claim start)")
        #expect(error.hint == nil)
        #expect(DomainError.userInactive(handle: "ana").description == "ana is deactivated")
    }

    @Test func fourEyes() {
        let approve = DomainError.fourEyes(handle: "rui", action: .approve)
        #expect(approve.description == "rui proposed this verdict and so may not approve it too (four-eyes rule)")
        #expect(approve.hint == "another reviewer must run verdict approve")
        let giveBack = DomainError.fourEyes(handle: "rui", action: .returnVerdict)
        #expect(giveBack.description == "rui proposed this verdict and so may not return it too (four-eyes rule)")
    }

    @Test func invalidInput() {
        let error = refusal { () throws(DomainError) in try Validate.priority("asap", field: "--priority") }
        #expect(error?.description == "invalid --priority: 'asap' is not one of low, normal, high, urgent")
    }

    @Test func quotedValuesStayOnOneLine() {
        let error = refusal { () throws(DomainError) in try Validate.priority("high\nurgent") }
        #expect(error?.description == #"invalid priority: 'high\nurgent' is not one of low, normal, high, urgent"#)
        let long = refusal { () throws(DomainError) in try Validate.stance(repeated("x", 500)) }
        #expect(long?.description.contains(repeated("x", 60) + "…'") == true)
    }

    static let samples: [DomainError] = [
        .notPermitted(handle: "ana", role: .reviewer, action: .publish),
        .notPermitted(handle: "ana", role: nil, action: .read),
        .userInactive(handle: "ana"),
        .fourEyes(handle: "ana", action: .approve),
        .invalid(field: "url", reason: "must not be empty"),
    ] + ReviewState.allCases.flatMap { state in
        Action.allCases.map { .transitionRefused(action: $0, state: state, allowed: Workflow.allowedActions(from: state)) }
    }

    @Test("one line, no trailing period", arguments: samples)
    func oneLine(_ error: DomainError) {
        for text in [error.description, error.hint].compactMap(\.self) {
            #expect(!text.contains("\n"))
            #expect(!text.hasSuffix("."))
            #expect(!text.isEmpty)
        }
    }
}
