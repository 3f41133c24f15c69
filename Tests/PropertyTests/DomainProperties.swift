@testable import FactCheckCore
import PropertyBased
import Testing

/// Characters that break naive code: CSV and formula triggers, quotes, whitespace of every
/// kind, right-to-left and combining marks, emoji, and plain letters so that texts read.
let hostileCharacters: [Character] = Array("abcXYZ 019=+-@\t\r\n\",;'\\/<>&|{}") + [
    "\u{00A0}", "\u{2003}", "\u{200F}", "\u{202E}", "\u{05E9}", "\u{0627}", "\u{0301}", "\u{0308}",
    "é", "ß", "İ", "🧾", "👍🏽", "\u{2019}", "\u{201C}", "\u{FF21}",
]
let hostileText = Gen<Character?>.element(of: hostileCharacters).map { $0! }.string(of: 0...40)

@Suite struct CSVProperties {
    @Test func theNeutraliserDisarmsEveryFormulaAndChangesNothingElse() async {
        await propertyCheck(count: 2000, input: hostileText) { text in
            let safe = CSV.neutralized(text)
            // Spreadsheets look at the first code point, whatever combining marks follow it.
            let scalars = Array(text.unicodeScalars)
            let triggers = "=+-@\t\r".unicodeScalars
            let risky = scalars.first.map { triggers.contains($0) } ?? false
            let escapedRisky = scalars.first { $0 != "'" }.map { triggers.contains($0) } ?? false
            #expect(safe == (risky || escapedRisky ? "'" + text : text))
            #expect(CSV.restored(safe) == text, "an import would not get the text back")
            #expect(!(safe.unicodeScalars.first.map { "=+-@\t\r".unicodeScalars.contains($0) } ?? false))
        }
    }

    @Test func aRecordReadsBackAsWritten() async {
        await propertyCheck(count: 1000, input: hostileText.array(of: 1...6)) { fields in
            let line = CSV.record(fields.map { .plain($0) })
            let bytes = Array(line.utf8)
            let parsed = bytes.withUnsafeBufferPointer { buffer -> [String]? in
                var reader = CSVReader(bytes: buffer)
                return try? reader.next()?.fields
            }
            #expect(parsed == fields)
        }
    }
}

@Suite struct ClaimNumberProperties {
    @Test func everyPositiveNumberRoundTripsInBothSpellings() async {
        await propertyCheck(count: 1000, input: Gen<Int64>.value(in: 1...Int64.max)) { n in
            #expect((try? ClaimNumber(parsing: "C-\(n)"))?.value == n)
            #expect((try? ClaimNumber(parsing: "\(n)"))?.value == n)
            #expect((try? ClaimNumber(parsing: ClaimNumber(n).description))?.value == n)
        }
    }

    @Test func anythingElseIsRefused() async {
        await propertyCheck(count: 2000, input: hostileText) { text in
            let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
            let digits = trimmed.hasPrefix("C-") || trimmed.hasPrefix("c-") ? String(trimmed.dropFirst(2)) : trimmed
            let wellFormed = !digits.isEmpty && digits.allSatisfy(\.isASCII) && digits.allSatisfy(\.isNumber)
                && (Int64(digits) ?? 0) > 0
            if !wellFormed {
                #expect((try? ClaimNumber(parsing: text)) == nil, "accepted \(text.debugDescription)")
            }
        }
    }
}

@Suite struct NormalisationProperties {
    @Test func normalisingIsIdempotentAndIgnoresCaseAndSpacing() async {
        await propertyCheck(count: 2000, input: hostileText) { text in
            let once = ClaimText.normalized(text)
            #expect(ClaimText.normalized(once) == once)
            #expect(ClaimText.normalized("  " + text.replacingOccurrences(of: " ", with: "   ") + "\n") == once)
            #expect(ClaimText.normalized(text.lowercased()) == ClaimText.normalized(text.uppercased().lowercased()))
            #expect(!once.hasPrefix(" ") && !once.hasSuffix(" ") && !once.contains("  "))
        }
    }

    /// ASCII skips Foundation's folding; the fold must not notice.
    @Test func theASCIIShortcutFoldsAsFoundationDoes() async {
        let ascii = Gen<Character?>.element(of: (0..<128).map { Character(Unicode.Scalar(UInt8($0))) }).map { $0! }.string(of: 0...40)
        await propertyCheck(count: 2000, input: ascii) { text in
            #expect(text.lowercased() == ClaimText.foldedByFoundation(text), "\(text.debugDescription)")
        }
    }

    /// `trimming(_:)` skips Foundation when the ends are not whitespace; it must trim the same.
    @Test func trimmingAgreesWithFoundation() async {
        // Every kind of blank the two sets disagree on, and some that neither trims (ZWSP, BOM).
        let blanks: [Character] = [" ", "\t", "\n", "\r", "\r\n", "\u{0B}", "\u{0C}", "\u{85}", "\u{A0}", "\u{1680}",
                                   "\u{2003}", "\u{2028}", "\u{2029}", "\u{202F}", "\u{3000}", "\u{200B}", "\u{FEFF}", "a", "\u{301}"]
        let blankText = Gen<Character?>.element(of: blanks).map { $0! }.string(of: 0...8)
        await propertyCheck(count: 3000, input: blankText, hostileText, blankText) { head, body, tail in
            let text = head + body + tail
            #expect(text.trimming(.whitespaces) == text.trimmingCharacters(in: .whitespaces))
            #expect(text.trimming(.whitespacesAndNewlines) == text.trimmingCharacters(in: .whitespacesAndNewlines))
        }
    }
}

@Suite struct TransitionProperties {
    static let transitionActions: [Action] = [.start, .reject, .propose, .returnVerdict, .approve, .publish, .reopen]

    /// A random walk of attempts by random people: every accepted move is one the table
    /// lists, every refusal names the state, and the walk never leaves the six states.
    @Test func randomWalksFollowTheTable() async {
        let step = Gen<Int>.value(in: 0..<(Self.transitionActions.count * 3 * 2))
        await propertyCheck(count: 300, input: step.array(of: 1...40)) { steps in
            var state = ReviewState.logged
            var proposer: String?
            for s in steps {
                let action = Self.transitionActions[s % Self.transitionActions.count]
                let role = Role.allCases[(s / Self.transitionActions.count) % 3]
                let handle = s % 2 == 0 ? "ana" : "ben"
                let actor = Actor(handle: handle, role: role, isActive: true)
                do {
                    let next = try Workflow.decide(action, by: actor, state: state, proposer: proposer)
                    #expect(Workflow.states(allowing: action).contains(state))
                    #expect(Permissions.allows(role, action))
                    if action == .propose { proposer = handle }
                    if action == .approve || action == .returnVerdict { #expect(proposer != handle) }
                    state = next
                } catch {
                    if case DomainError.transitionRefused(_, let refusedState, _) = error { #expect(refusedState == state) }
                }
            }
        }
    }
}

import Foundation
