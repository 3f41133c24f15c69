import FactCheckCore
import Testing

/// The sample article of Scripts/sample/summit-article.txt, as the demo logs it.
private let summitArticle = """
    Geneva talks end with partial deal on border crossings

    By Clara Jensen, The Northern Ledger. 20 November 2026.

    GENEVA. After eleven hours of talks at the Palais des Nations, the foreign ministers of Arvenia and Belmark \
    agreed on Thursday to reopen three border crossings that have been closed since March.

    "We have not given up a single kilometre of territory," Arvenian Foreign Minister Lena Hart told reporters \
    after the session.

    Belmark's delegation said Arvenia had agreed to withdraw 4,000 troops from the frontier by the end of January, \
    a concession Arvenian officials did not confirm.

    According to the UN humanitarian office, more than 120,000 people have crossed the border since the crossings \
    closed.

    In an interview with BNT television on Friday, Belmark's Prime Minister Tomas Varga said the summit was \
    "the longest negotiation between our countries since 1994".

    Hart also said trade between the two countries had fallen by half this year.

    The ministers will meet again in Vienna in February.

    Copyright 2026 The Northern Ledger. All rights reserved.
    """

private func texts(_ text: String) -> [String] { Sentences.split(text).map(\.text) }

@Suite("Sentence splitting")
struct SentenceSplittingTests {
    @Test("abbreviations do not end a sentence", arguments: [
        ("Mr. Smith met Mrs. Jones and Ms. Brown. They talked.", 2),
        ("Dr. Adams and Prof. Ruiz spoke. Nobody listened.", 2),
        ("Gen. Ruiz met Sen. Park, Rep. Diaz and Gov. Lee. Nothing was agreed.", 2),
        ("Lt. Col. Hart and Capt. Varga disagreed. The talks stalled.", 2),
        ("The church of St. Mary was rebuilt. It cost a lot.", 2),
        ("The deal was signed on Jan. 5 in Geneva. Talks resume on Feb. 12 in Vienna.", 2),
        ("It was Arvenia vs. Belmark in the final. Arvenia won.", 2),
        ("They bring bread, cheese, etc. and wine. Then they leave.", 2),
        ("Imports, e.g. steel, fell. Exports, i.e. grain, rose.", 2),
        ("The talks began at 9 a.m. and ended at 8 p.m. on Friday. Nobody slept.", 2),
        ("Acme Inc. said profits rose. Widgets Ltd. disagreed. Smith & Co. declined to comment.", 3),
        ("The U.S. and the U.K. signed the accord. The E.U. did not.", 2),
        ("Sales rose in the U.S. The company was pleased.", 2),
        ("The talks ended at 8 p.m. The ministers left.", 2),
        ("No. 10 Downing Street said so. Nobody else did.", 2),
        ("See p. 4 of the report. It is clear.", 2),
        ("J. R. Smith wrote the report. It was long.", 2),
        ("The report by J.R. Smith was long. Nobody read it.", 2),
        ("Martin Luther King Jr. spoke in 1963. The crowd listened.", 2),
    ] as [(String, Int)])
    func abbreviations(_ text: String, _ count: Int) {
        #expect(texts(text).count == count, "\(texts(text))")
    }

    @Test("every month abbreviation before a day", arguments: ["Jan.", "Feb.", "Mar.", "Apr.", "Jun.", "Jul.", "Aug.",
                                                                "Sep.", "Sept.", "Oct.", "Nov.", "Dec."])
    func monthAbbreviation(_ month: String) {
        #expect(texts("The ceasefire began on \(month) 5 at noon. It held.") == [
            "The ceasefire began on \(month) 5 at noon.", "It held.",
        ])
    }

    @Test("numbers, decimals and ellipses", arguments: [
        ("Unemployment rose to 3.5 percent in March. It was 3.1 percent a year earlier.",
         ["Unemployment rose to 3.5 percent in March.", "It was 3.1 percent a year earlier."]),
        ("Some 4,000 troops left. About 1,200.5 tonnes arrived.",
         ["Some 4,000 troops left.", "About 1,200.5 tonnes arrived."]),
        ("Prices rose 2.5% in 2025. Wages rose 1.9%.", ["Prices rose 2.5% in 2025.", "Wages rose 1.9%."]),
        ("He paused... then went on. We waited... The door opened.",
         ["He paused... then went on.", "We waited...", "The door opened."]),
        ("He paused … then went on. We waited … The door opened.",
         ["He paused … then went on.", "We waited …", "The door opened."]),
        ("Did they agree? Yes! They did.", ["Did they agree?", "Yes!", "They did."]),
        ("Growth was 2. Inflation was 3.", ["Growth was 2.", "Inflation was 3."]),
    ] as [(String, [String])])
    func numbersAndPunctuation(_ text: String, _ expected: [String]) {
        #expect(texts(text) == expected)
    }

    @Test("quotations", arguments: [
        (#""We have not given up a single kilometre of territory," she said. Talks resumed."#,
         [#""We have not given up a single kilometre of territory," she said."#, "Talks resumed."]),
        (#""We left." He said nothing more."#, [#""We left.""#, "He said nothing more."]),
        (#""We left. We came back," she said. Then she left."#,
         [#""We left. We came back," she said."#, "Then she left."]),
        (#""Why?" she asked. Nobody answered."#, [#""Why?" she asked."#, "Nobody answered."]),
        ("“We left.” He said nothing more.", ["“We left.”", "He said nothing more."]),
        ("“We left. We came back,” she said. Then she left.", ["“We left. We came back,” she said.", "Then she left."]),
        (#"He called it "the longest negotiation since 1994". Nobody disagreed."#,
         [#"He called it "the longest negotiation since 1994"."#, "Nobody disagreed."]),
        (#""... territory," she said. "We left." He said"#,
         [#""... territory," she said."#, #""We left.""#, "He said"]),
        // A quotation running on into the next paragraph does not swallow its sentences.
        (#""We stayed. We waited. We left."#, [#""We stayed."#, "We waited.", "We left."]),
    ] as [(String, [String])])
    func quotations(_ text: String, _ expected: [String]) {
        #expect(texts(text) == expected)
    }

    @Test("headline, byline, dateline and boilerplate are left out", arguments: [
        ("Talks end in Geneva\n\nThe talks ended on Friday.", ["The talks ended on Friday."]),
        ("Talks end in Geneva\nBy Clara Jensen\nThe talks ended on Friday.", ["The talks ended on Friday."]),
        ("Talks end in Geneva\n\nBy Clara Jensen, The Northern Ledger. 20 November 2026.\n\n"
            + "GENEVA. After talks, ministers agreed.",
         ["After talks, ministers agreed."]),
        ("Talks end\n\nPublished 20 November 2026, 14:30 GMT\n\nMinisters agreed.", ["Ministers agreed."]),
        ("GENEVA, Nov 20 (Reuters) - Ministers agreed on Friday.", ["Ministers agreed on Friday."]),
        ("LONDON — The talks ended.", ["The talks ended."]),
        ("WASHINGTON (AP) — The talks ended.", ["The talks ended."]),
        ("The talks ended.\n\nCopyright 2026 The Northern Ledger. All rights reserved.", ["The talks ended."]),
        ("The talks ended.\n\n© 2026 Ledger Media", ["The talks ended."]),
        ("The talks ended.\n\n(c) 2026 Ledger Media Ltd", ["The talks ended."]),
        ("The talks ended.\n\nSubscribe to our newsletter for daily updates. It is free.", ["The talks ended."]),
        ("The talks ended.\n\nFollow us on X and Facebook.", ["The talks ended."]),
        ("The talks ended.\n\nAbout us: The Ledger has 300 reporters in 12 countries. Founded 1921.", ["The talks ended."]),
        ("The talks ended. Reporting by Clara Jensen; editing by Tom Li.", ["The talks ended."]),
        ("Talks end\n\nThe talks ended.\n\nWhat comes next\n\nNobody knows.", ["The talks ended.", "Nobody knows."]),
    ] as [(String, [String])])
    func leftOut(_ text: String, _ expected: [String]) {
        #expect(texts(text) == expected)
    }

    @Test("look-alikes of what is left out are kept", arguments: [
        "By Thursday, the ministers had agreed.",
        "By 2030, emissions will fall by half.",
        "Subscribers rose 10 percent last year.",
        "Copyright law changed in 1998.",
        "NATO-led forces withdrew from the border.",
        "UN officials said the crossings were open.",
        "UNICEF — the UN children's agency — said 300 children crossed.",
        "Following the talks, trade resumed.",
    ])
    func keptLookAlikes(_ text: String) {
        #expect(texts("Talks end\n\n" + text) == [text])
    }

    @Test func wireStory() {
        let story = """
            EXCLUSIVE: Inflation hits 30-year high as energy bills soar
            Updated 14:05 GMT, Tuesday 3 March 2026
            By Tom Li and Ana Ruiz

            LONDON (Reuters) - Britain's annual inflation rate rose to 6.2% in January, the highest since 1992, \
            the Office for National Statistics said on Wednesday.

            Economists polled by Reuters had expected 5.9%. Food prices rose by 9.1% after the regulator acted in Oct.

            What happens next

            Mr. Bailey warned inflation could peak at around 8% in the spring. Shares in Tesco Plc. fell 2%.

            Reporting by Tom Li; Editing by Ana Ruiz
            © 2026 Reuters. All rights reserved.
            Follow us on Twitter
            """
        let sentences = Sentences.split(story)
        #expect(sentences.map(\.text) == [
            "Britain's annual inflation rate rose to 6.2% in January, the highest since 1992, the Office for National "
                + "Statistics said on Wednesday.",
            "Economists polled by Reuters had expected 5.9%.",
            "Food prices rose by 9.1% after the regulator acted in Oct.",
            "Mr. Bailey warned inflation could peak at around 8% in the spring.",
            "Shares in Tesco Plc. fell 2%.",
        ])
        #expect(sentences.map(\.paragraph) == [1, 2, 2, 3, 3])
    }

    @Test func wrappedLinesAreOneParagraph() {
        let text = "After eleven hours of talks at the Palais des Nations, the\nministers agreed. They\nleft on Friday."
        let sentences = Sentences.split(text)
        #expect(sentences.map(\.text) == [
            "After eleven hours of talks at the Palais des Nations, the ministers agreed.", "They left on Friday.",
        ])
        #expect(sentences.map(\.paragraph) == [1, 1])
    }

    @Test func windowsLineEndings() {
        #expect(texts("Talks end\r\n\r\nThe talks ended.\r\n\r\nNobody knows.") == ["The talks ended.", "Nobody knows."])
    }

    @Test func numbersAndParagraphsOfTheSample() {
        let sentences = Sentences.split(summitArticle)
        #expect(sentences.map(\.number) == Array(1...7))
        #expect(sentences.map(\.paragraph) == Array(1...7))
        #expect(sentences.first?.text.hasPrefix("After eleven hours of talks") == true, "the dateline GENEVA. is cut")
        #expect(sentences.last?.text == "The ministers will meet again in Vienna in February.")
        #expect(!sentences.contains { $0.text.contains("Geneva talks end") || $0.text.contains("Clara Jensen")
            || $0.text.contains("Copyright") || $0.text.contains("rights reserved") })
    }

    @Test func emptyAndBlankTexts() {
        #expect(Sentences.split("").isEmpty)
        #expect(Sentences.split(" \n\n \t\n").isEmpty)
        #expect(Sentences.split("...").isEmpty)
    }
}

@Suite("Check-worthiness features")
struct CheckWorthinessFeatureTests {
    @Test("the features a sentence fires", arguments: [
        ("Unemployment rose to 3.5 percent.", [.figure, .comparison]),
        ("The budget is $4.5 billion.", [.figure]),
        ("Exports doubled.", [.figure, .comparison]),
        ("Half of the budget went to defence.", [.figure]),
        ("Twelve people were hurt.", [.figure]),
        ("Belmark's delegation counted 4,000 troops.", [.figure, .official]),
        ("The talks lasted eleven hours.", [.figure, .duration]),
        ("The dispute has gone on for three years.", [.figure, .duration]),
        ("It took a decade to build.", [.duration]),
        ("It happened three years ago.", [.figure, .duration, .date]),
        ("The border has been closed since 1994.", [.date]),
        ("The crossings closed in March.", [.date]),
        ("The report was published on 20 November 2026.", [.date]),
        ("In 2019, 4,000 people left.", [.figure, .date]),
        ("The 1990s were hard.", [.date]),
        ("Talks resumed at 10:30 on Monday.", [.date]),
        ("Trade grew this year.", [.comparison, .date]),
        ("The crossings closed in May.", [.date]),
        ("May I ask a question?", []),
        ("She marched to the square.", []),
        ("Trade fell, she said.", [.comparison, .attribution]),
        ("According to the ministry, the scheme worked.", [.official, .attribution]),
        ("Officials disclosed the details.", [.official, .attribution]),
        ("He claimed the border was open.", [.attribution]),
        ("The government announced new rules.", [.official, .attribution]),
        (#""We won the vote," she said."#, [.attribution, .quote]),
        ("“We won the vote,” she told reporters.", [.attribution, .quote]),
        ("This is the longest bridge in Europe.", [.comparison]),
        ("It is the best result in years.", [.comparison]),
        ("Europe's busiest port handled the cargo.", [.comparison]),
        ("The rest of the team went west.", []),
        ("They protest in the forest every week.", []),
        ("An honest and modest request was made.", []),
        ("Exports were at a record high.", [.comparison]),
        ("He declined to comment on Tuesday.", [.date]),
        ("Exports declined to 5% of output.", [.figure, .comparison]),
        ("It was the first time since 1994.", [.comparison, .date]),
        ("More than 120,000 people crossed.", [.figure, .comparison]),
        ("Fewer than half of voters turned out.", [.figure, .comparison]),
        ("At least 40 people died.", [.figure, .comparison]),
        ("Arvenian Foreign Minister Lena Hart spoke.", [.official]),
        ("The Palais des Nations hosted the talks.", [.official]),
        ("Lena Hart spoke first.", [.official]),
        ("The UN agency counted them.", [.official]),
        ("The troops reportedly left.", [.hedge]),
        ("He allegedly took the money.", [.hedge]),
        ("The minister is said to have resigned.", [.official, .hedge]),
        ("Arvenian officials did not confirm the withdrawal.", [.official, .hedge]),
        ("The claims could not be independently verified.", [.hedge]),
        ("The ministers will meet again.", [.official, .opinion]),
        ("I think we should talk.", [.opinion]),
        ("They plan to talk again.", [.opinion]),
        ("In my view, it worked.", [.opinion]),
        ("Someone left early.", []),
        ("No one came.", []),
        ("The COVID-19 wave passed.", []),
        ("It was a good meeting.", []),
    ] as [(String, Set<Feature>)])
    func features(_ sentence: String, _ expected: Set<Feature>) {
        let fired = CheckWorthiness.signals(in: sentence)
        #expect(Set(fired.map(\.feature)) == expected, "\(fired)")
    }

    @Test("evidence is the sentence's own words", arguments: [
        ("Belmark's delegation said Arvenia would withdraw 4,000 troops by January.", Feature.figure, "4,000 troops"),
        ("According to the UN office, more than 120,000 people crossed.", .comparison, "more than"),
        ("According to the UN office, more than 120,000 people crossed.", .attribution, "According to"),
        ("The report was published on 20 November 2026.", .date, "20 November 2026"),
        ("Trade had fallen by half this year.", .date, "this year"),
        ("After eleven hours of talks, they agreed.", .duration, "eleven hours"),
        ("The government would spend £9 billion on it.", .figure, "£9 billion"),
        ("Inflation rose to 6.2% in January.", .figure, "6.2%"),
        ("The pound fell 0.3% against the dollar.", .figure, "0.3%"),
        ("The Office for National Statistics said so.", .official, "Office for National Statistics"),
        ("Finance Minister Rishi Sunak told parliament.", .official, "Finance Minister Rishi Sunak"),
        ("Arvenian officials did not confirm it.", .hedge, "did not confirm"),
        (#"He said the summit was "the longest negotiation since 1994"."#, .quote, "the longest negotiation since 1994"),
    ] as [(String, Feature, String)])
    func evidence(_ sentence: String, _ feature: Feature, _ expected: String) {
        let signal = CheckWorthiness.signals(in: sentence).first { $0.feature == feature }
        #expect(signal?.evidence == expected)
    }

    @Test func everyFeatureIsExplained() {
        for feature in Feature.allCases {
            #expect(!feature.explanation.isEmpty)
            #expect(feature.name == feature.rawValue)
            #expect(feature.reason("3.5 years").hasSuffix(": \u{2018}3.5 years\u{2019}"))
        }
    }

    @Test("a number in a name is not a quantity", arguments: [
        "Article 5 of the treaty applies.", "Section 230 protects platforms.", "The G7 met in Rome.",
        "COVID-19 spread.", "Resolution 2334 was adopted.", "Flight 17 was shot down.",
    ])
    func numberedNames(_ sentence: String) {
        #expect(!CheckWorthiness.signals(in: sentence).contains { $0.feature == .figure }, "\(sentence)")
    }

    @Test func aNumberAfterANameWordCanStillBeAQuantity() {
        let signals = CheckWorthiness.signals(in: "Article 5 has been invoked 1 time, by 30 members.")
        #expect(signals.first { $0.feature == .figure }?.evidence == "1 time")
    }
}

@Suite("Check-worthiness ranking")
struct CheckWorthinessRankingTests {
    @Test func figuresRankAboveAPlan() throws {
        let ranked = CheckWorthiness.candidates(in: summitArticle)
        func rank(_ words: String) throws -> Int {
            try #require(ranked.firstIndex { $0.sentence.text.contains(words) }, "no candidate with \(words)")
        }
        let meeting = try rank("will meet again in Vienna")
        #expect(try rank("4,000 troops") < meeting)
        #expect(try rank("more than 120,000 people") < meeting)
        #expect(try rank("longest negotiation") < meeting)
        #expect(try rank("fallen by half") < meeting)
        #expect(ranked.last?.sentence.text == "The ministers will meet again in Vienna in February.")
        let top = ranked.prefix(2).map(\.sentence.text)
        #expect(top.allSatisfy { $0.contains("4,000 troops") || $0.contains("120,000 people") }, "\(top)")
    }

    @Test func headlineBylineAndCopyrightAreNotCandidates() {
        let ranked = CheckWorthiness.candidates(in: summitArticle)
        for text in ranked.map(\.sentence.text) {
            #expect(!text.contains("Geneva talks end") && !text.contains("Clara Jensen") && !text.contains("Copyright"))
        }
    }

    @Test func scoresAreExplainedAndOrdered() {
        let ranked = CheckWorthiness.candidates(in: summitArticle)
        #expect(ranked.count == Sentences.split(summitArticle).count, "every sentence is listed")
        for candidate in ranked {
            #expect((0...1).contains(candidate.score))
            #expect(candidate.features == Feature.allCases.filter(candidate.features.contains), "in Feature order")
            #expect(candidate.signals.allSatisfy { candidate.sentence.text.contains($0.evidence) || $0.feature == .quote })
            #expect(!candidate.reasons.isEmpty, "\(candidate.sentence.text)")
            let strengths = candidate.reasons.map { abs($0.weight) }
            #expect(strengths == strengths.sorted(by: >), "strongest reason first")
            for reason in candidate.reasons where reason.name == "learned" {
                #expect(reason.explanation.hasPrefix("learned: phrases like \u{2018}"))
                for phrase in reason.matched.components(separatedBy: "; ") {
                    #expect(candidate.sentence.text.contains(phrase), "a learned phrase is the sentence's own words")
                }
            }
        }
        for (a, b) in zip(ranked, ranked.dropFirst()) {
            #expect(a.logit > b.logit || (a.logit == b.logit && a.sentence.number < b.sentence.number))
            #expect(a.score >= b.score)
        }
    }

    @Test func deterministic() {
        let first = CheckWorthiness.candidates(in: summitArticle)
        for _ in 1...3 { #expect(CheckWorthiness.candidates(in: summitArticle) == first) }
        #expect(Sentences.split(summitArticle) == Sentences.split(summitArticle))
    }

    @Test func aFigureOutranksSmallTalk() throws {
        let ranked = CheckWorthiness.candidates(in: "It was a good meeting. We should talk more. Exports fell 4 percent in May.")
        #expect(ranked.map(\.sentence.number).first == 3)
        #expect(try #require(ranked.first).isCheckWorthy)
        #expect(ranked.dropFirst().allSatisfy { !$0.isCheckWorthy }, "\(ranked.map { ($0.sentence.text, $0.score) })")
    }
}

@Suite("Front matter of real articles")
struct FrontMatterTests {
    @Test("a headline over its standfirst, with no blank line between, is not a sentence", arguments: [
        "Inflation eases to 3.1% as food prices cool\nConsumer prices rose more slowly, official figures show\n\nPrices rose 3.1% in October.",
        "Historic Summit Tests Alliance Unity\nLeaders meet in Brussels as targets slip\n\nPrices rose 3.1% in October.",
        "Historic Summit Tests Alliance Unity\n\nPrices rose 3.1% in October.",
    ])
    func headlineOverStandfirst(_ text: String) {
        #expect(Sentences.split(text).map(\.text) == ["Prices rose 3.1% in October."])
    }

    @Test func aStandfirstThatReadsAsASentenceStays() {
        let text = "Historic Summit Tests Alliance Unity\nLeaders met in Brussels as targets slipped.\n\nPrices rose 3.1%."
        #expect(Sentences.split(text).map(\.text) == ["Leaders met in Brussels as targets slipped.", "Prices rose 3.1%."])
    }

    @Test("datelines", arguments: [
        ("Washington — Annual inflation fell to 3.1%.", "Annual inflation fell to 3.1%."),
        ("New York – The index rose.", "The index rose."),
        ("LONDON (Northern Wire) — The number fell.", "The number fell."),
        ("The index — a broad one — rose.", "The index — a broad one — rose."),
    ])
    func datelines(_ text: String, _ expected: String) {
        #expect(Sentences.split(text).map(\.text) == [expected])
    }

    @Test func aWrappedFirstParagraphIsKept() {
        let text = "Annual inflation fell to 3.1% in October from\n3.4% in September, the bureau said."
        #expect(Sentences.split(text).map(\.text) == ["Annual inflation fell to 3.1% in October from 3.4% in September, the bureau said."])
    }

    @Test("the site's appeals are boilerplate", arguments: [
        "Got a story tip? Email us at news@example.org.", "Share this article", "Sign up for our newsletter.",
    ])
    func appeals(_ line: String) {
        #expect(Sentences.split("Prices rose 3.1% in October.\n\n\(line)").map(\.text) == ["Prices rose 3.1% in October."])
    }
}
