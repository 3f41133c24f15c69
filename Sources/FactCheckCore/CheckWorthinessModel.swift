import Foundation

// The learned check-worthiness model behind `article candidates`: logistic regression over
// `SentenceFeatures`, trained by Scripts/train-checkworthiness on labelled debate sentences and
// calibrated on a held-apart split, so a score reads as the chance a desk would check it. Its
// weights are compiled in (CheckWorthinessWeights.swift, generated), so a copied binary keeps them.

/// A reason a sentence scored as it did, in a desk's words.
public struct Reason: Sendable, Hashable {
    /// A `Feature`'s name, or "learned" for the model's own phrases.
    public let name: String
    /// "states a quantity: ‘3.5 years’", "learned: phrases like ‘increased by’".
    public let explanation: String
    /// The sentence's own words behind it.
    public let matched: String
    /// What it added to the model's log-odds (negative: it counted against).
    public let weight: Double
}

/// One sentence of an article with its check-worthiness.
public struct Candidate: Sendable, Hashable {
    public let sentence: Sentence
    /// The calibrated probability that a desk would find the sentence worth checking, 0 to 1.
    public let score: Double
    /// The model's log-odds before calibration: what ranks (exact, no rounding of `exp`).
    public let logit: Double
    /// The strongest reasons, strongest first.
    public let reasons: [Reason]
    /// Every explained feature that fired, in `Feature.allCases` order.
    public let signals: [Signal]
    public var features: [Feature] { signals.map(\.feature) }
    /// At the calibrated cut: more likely worth checking than not.
    public var isCheckWorthy: Bool { score >= 0.5 }
}

public struct CheckWorthinessModel: Sendable {
    /// One per `SentenceFeatures` dimension.
    let weights: [Double]
    let intercept: Double
    /// Platt scaling fitted on the calibration split: p = 1 / (1 + e^-(slope · logit + offset)).
    let calibrationSlope: Double
    let calibrationOffset: Double

    /// The model compiled into this binary.
    public static let shipped: CheckWorthinessModel = {
        let g = GeneratedCheckWorthinessWeights.self
        return CheckWorthinessModel(encoded: g.encoded, count: g.count, scale: g.scale, intercept: g.intercept,
                                    calibrationSlope: g.calibrationSlope, calibrationOffset: g.calibrationOffset)
    }()

    /// Decodes the generated weights: base64 of (index gap, zigzag weight) varint pairs, each
    /// weight an integer multiple of `scale`.
    init(encoded: String, count: Int, scale: Int, intercept: Int, calibrationSlope: Double, calibrationOffset: Double) {
        var weights = [Double](repeating: 0, count: SentenceFeatures.dimension)
        let bytes = [UInt8](Data(base64Encoded: encoded) ?? Data())
        var position = 0
        func varint() -> UInt64 {
            var value: UInt64 = 0, shift: UInt64 = 0
            while position < bytes.count {
                let byte = bytes[position]
                position += 1
                value |= UInt64(byte & 0x7F) << shift
                if byte & 0x80 == 0 { break }
                shift += 7
            }
            return value
        }
        var index = -1
        var decoded = 0
        while position < bytes.count {
            index += Int(varint())
            let zigzag = varint()
            let q = Int64(bitPattern: zigzag >> 1) ^ -Int64(bitPattern: zigzag & 1)
            if index < weights.count { weights[index] = Double(q) / Double(scale) }
            decoded += 1
        }
        precondition(decoded == count, "the compiled check-worthiness weights are damaged")
        self.weights = weights
        self.intercept = Double(intercept) / Double(scale)
        self.calibrationSlope = calibrationSlope
        self.calibrationOffset = calibrationOffset
    }

    public func logit(_ features: SentenceFeatures) -> Double {
        var z = intercept
        for (index, value) in zip(features.indices, features.values) { z += weights[index] * value }
        return z
    }

    public func probability(logit: Double) -> Double {
        1 / (1 + exp(-(calibrationSlope * logit + calibrationOffset)))
    }

    public func probability(_ sentence: String) -> Double { probability(logit: logit(SentenceFeatures(sentence))) }

    /// The sentence scored and explained.
    public func candidate(_ sentence: Sentence) -> Candidate {
        let features = SentenceFeatures(sentence.text)
        let z = logit(features)
        return Candidate(sentence: sentence, score: probability(logit: z), logit: z, reasons: reasons(features),
                         signals: features.signals)
    }

    /// The explained features that moved the score, and the learned phrases that moved it most.
    func reasons(_ features: SentenceFeatures) -> [Reason] {
        var reasons: [Reason] = features.signals.map { signal in
            let w = weights[SentenceFeatures.buckets + SentenceFeatures.Cue.signal(signal.feature).rawValue]
            return Reason(name: signal.feature.name, explanation: signal.feature.reason(signal.evidence),
                          matched: signal.evidence, weight: w)
        }
        // The phrases, each once, strongest first; those inside a stronger one left out.
        var best: [String: Double] = [:]
        for phrase in features.phrases {
            best[phrase.text] = max(best[phrase.text] ?? -.infinity, weights[phrase.bucket] * phrase.value)
        }
        let strongest = best.filter { $0.value >= 0.1 }
            .sorted { ($0.value, $1.key) > ($1.value, $0.key) }
        var chosen: [(String, Double)] = []
        for (text, weight) in strongest where chosen.count < 3 {
            if chosen.contains(where: { $0.0.contains(text) || text.contains($0.0) }) { continue }
            chosen.append((text, weight))
        }
        if !chosen.isEmpty {
            let quoted = chosen.map { "\u{2018}\($0.0)\u{2019}" }.joined(separator: ", ")
            reasons.append(Reason(name: "learned", explanation: "learned: phrases like " + quoted,
                                  matched: chosen.map(\.0).joined(separator: "; "),
                                  weight: chosen.reduce(0) { $0 + $1.1 }))
        }
        return reasons.filter { abs($0.weight) >= 0.05 }
            .sorted { (abs($0.weight), $1.name) > (abs($1.weight), $0.name) }
    }
}

extension CheckWorthiness {
    /// Every sentence of the text, scored and explained, best first; ties keep the article's order.
    public static func candidates(in text: String, model: CheckWorthinessModel = .shipped) -> [Candidate] {
        Sentences.split(text).map(model.candidate)
            .sorted { ($0.logit, -$0.sentence.number) > ($1.logit, -$1.sentence.number) }
    }
}
