import Testing
import FactCheckCore

/// The claim page offers `Workflow.moves`: exactly the moves `decide` accepts, and the four-eyes
/// refusals with their message, for every state, role and proposer.
struct MovesTests {
    static let proposers: [String?] = [nil, "ben", "chen"]

    @Test(arguments: ReviewState.allCases, Role.allCases)
    func offeredMovesAreExactlyTheOnesTheDomainAccepts(state: ReviewState, role: Role) {
        for proposer in Self.proposers {
            let actor = Actor(handle: "ben", role: role)
            let moves = Workflow.moves(for: state, proposer: proposer, by: actor)
            let offered = Set(moves.filter(\.isAllowed).map(\.action))
            var accepted: Set<Action> = []
            for action in Action.allCases where Workflow.transition(for: action) != nil {
                if (try? Workflow.decide(action, by: actor, state: state, proposer: proposer)) != nil { accepted.insert(action) }
            }
            if (try? Permissions.check(actor, .assign)) != nil, (try? Workflow.checkAssignable(state)) != nil {
                accepted.insert(.assign)
            }
            #expect(offered == accepted, "\(state) \(role) proposer \(proposer ?? "none")")
            for move in moves where move.isAllowed && move.action != .assign {
                #expect(move.target == (try? Workflow.target(of: move.action, from: state)))
                #expect(move.needsReason == Workflow.transition(for: move.action)!.needsReason)
            }
        }
    }

    @Test func theProposerIsToldWhyTheyMayNotApprove() {
        let ben = Actor(handle: "ben", role: .reviewer)
        let moves = Workflow.moves(for: .inReview, proposer: "ben", by: ben)
        #expect(moves.map(\.action) == [.returnVerdict, .approve])
        #expect(moves.allSatisfy { move in !move.isAllowed })
        #expect(moves[1].refusal == .fourEyes(handle: "ben", action: .approve))
        #expect(moves[1].refusal!.message(claim: nil) == "ben proposed this verdict and so may not approve it too (four-eyes rule)")
        let chen = Actor(handle: "chen", role: .reviewer)
        let offered = Workflow.moves(for: .inReview, proposer: "ben", by: chen)
        #expect(offered.map(\.action) == [.returnVerdict, .approve])
        #expect(offered.allSatisfy { $0.isAllowed })
    }

    @Test func eachRoleSeesItsOwnMoves() {
        let editor = Actor(handle: "ed", role: .editor)
        #expect(Workflow.moves(for: .logged, proposer: nil, by: editor).map(\.action) == [.reject, .assign])
        #expect(Workflow.moves(for: .approved, proposer: "ben", by: editor).map(\.action) == [.publish, .assign])
        #expect(Workflow.moves(for: .published, proposer: nil, by: editor).map(\.action) == [.reopen])
        let reviewer = Actor(handle: "ben", role: .reviewer)
        #expect(Workflow.moves(for: .logged, proposer: nil, by: reviewer).map(\.action) == [.start])
        #expect(Workflow.moves(for: .researching, proposer: nil, by: reviewer).map(\.action) == [.propose])
        #expect(Workflow.moves(for: .published, proposer: nil, by: reviewer).isEmpty)
        let gone = Actor(handle: "ed", role: .editor, isActive: false)
        #expect(Workflow.moves(for: .logged, proposer: nil, by: gone).isEmpty, "a deactivated user is offered nothing")
        #expect(Workflow.maySource(.researching, by: reviewer) && !Workflow.maySource(.approved, by: reviewer))
        #expect(!Workflow.maySource(.researching, by: editor))
        #expect(Workflow.mayEdit(.inReview, by: editor) && !Workflow.mayEdit(.published, by: editor))
    }
}
