import ArgumentParser

/// The subcommand path the words of a command line name, found before ArgumentParser parses
/// them, so that a mistyped command is reported as one (`unknown command 'claim lst'`, with the
/// nearest command) instead of as the options that follow it.
struct CommandPath {
    /// The words naming known commands, root excluded (`["claim", "list"]`).
    let words: [String]
    /// The first word standing where a subcommand is expected that names none.
    let unknown: String?

    /// Walks `arguments` (without the program name) down the tree under `root`: a word that is
    /// not an option, where the command reached has subcommands, must name one of them. Stops
    /// at the first option (`--as`, `--help`, `--`) and at a command without subcommands, whose
    /// words are its arguments. `help` at the root takes a command path, as ArgumentParser's does.
    static func walk(_ arguments: [String], root: ParsableCommand.Type) -> CommandPath {
        var command = root
        var words: [String] = []
        var rest = arguments[...]
        if command == root, rest.first == "help" { rest = rest.dropFirst() }
        while let word = rest.first, !word.hasPrefix("-") {
            let subcommands = command.configuration.subcommands
            guard !subcommands.isEmpty else { break }
            guard let next = subcommands.first(where: { names(of: $0).contains(word) }) else {
                return CommandPath(words: words, unknown: word)
            }
            command = next
            words.append(word)
            rest = rest.dropFirst()
        }
        return CommandPath(words: words, unknown: nil)
    }

    /// A word naming no command where one is expected: the words as typed up to it
    /// (`claim lst`), the command it stands under (`claim`), and the nearest command as a path
    /// (`claim list`), or nil when none is close.
    struct Unknown: Equatable {
        let typed: String
        let parent: [String]
        let suggestion: String?
    }

    /// The unknown command of `arguments`, if any. When the word after the unknown one names a
    /// subcommand of the suggestion, the suggestion includes it (`claims list` → `claim list`).
    static func unknownCommand(in arguments: [String], root: ParsableCommand.Type) -> Unknown? {
        let path = walk(arguments, root: root)
        guard let unknown = path.unknown else { return nil }
        var command = root
        for word in path.words {
            command = command.configuration.subcommands.first { names(of: $0).contains(word) } ?? command
        }
        let typed = (path.words + [unknown]).joined(separator: " ")
        let scored = command.configuration.subcommands.map { candidate in
            (candidate, names(of: candidate).map { score(unknown.lowercased(), $0) }.min() ?? .max)
        }
        guard let (best, score) = scored.min(by: { $0.1 < $1.1 }), score <= allowedDistance(for: unknown) else {
            return Unknown(typed: typed, parent: path.words, suggestion: nil)
        }
        var suggested = path.words + [names(of: best)[0]]
        let after = arguments.drop { $0 != unknown }.dropFirst()
        if let following = after.first, best.configuration.subcommands.contains(where: { names(of: $0).contains(following) }) {
            suggested.append(following)
        }
        return Unknown(typed: typed, parent: path.words, suggestion: suggested.joined(separator: " "))
    }

    /// How far a typed word is from a command's name: its edit distance, or 1 when it is the
    /// start of the name (`rep` for `report`).
    private static func score(_ typed: String, _ name: String) -> Int {
        if typed.count >= 2, name.hasPrefix(typed) { return 1 }
        return distance(typed, name)
    }

    private static func names(of command: ParsableCommand.Type) -> [String] {
        [command.configuration.commandName ?? command._commandName] + command.configuration.aliases
    }

    /// Mistakes worth a suggestion: one edit in a short word, two in a longer one.
    private static func allowedDistance(for word: String) -> Int {
        word.count <= 3 ? 1 : 2
    }

    /// Edit distance counting an insertion, deletion, substitution or swap of neighbours as one.
    static func distance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        if a.isEmpty || b.isEmpty { return max(a.count, b.count) }
        var d = [[Int]](repeating: [Int](repeating: 0, count: b.count + 1), count: a.count + 1)
        for i in 0...a.count { d[i][0] = i }
        for j in 0...b.count { d[0][j] = j }
        for i in 1...a.count {
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                d[i][j] = min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    d[i][j] = min(d[i][j], d[i - 2][j - 2] + 1)
                }
            }
        }
        return d[a.count][b.count]
    }
}
