import Foundation

// Usage: MigrationEmbedder OUTPUT.swift FOLDER
// Writes a Swift file declaring `embeddedMigrationFiles`: the name and contents of every
// .sql file in FOLDER, in name order.

let arguments = CommandLine.arguments.dropFirst()
guard let output = arguments.first else {
    FileHandle.standardError.write(Data("usage: MigrationEmbedder OUTPUT.swift FOLDER\n".utf8))
    exit(64)
}

/// A Swift string literal for any text: escapes quotes, backslashes and control characters.
func literal(_ text: String) -> String {
    var out = "\""
    for scalar in text.unicodeScalars {
        switch scalar {
        case "\\": out += "\\\\"
        case "\"": out += "\\\""
        case "\n": out += "\\n"
        case "\r": out += "\\r"
        case "\t": out += "\\t"
        case _ where scalar.value < 0x20 || scalar.value == 0x7F:
            out += "\\u{\(String(scalar.value, radix: 16))}"
        default: out.unicodeScalars.append(scalar)
        }
    }
    return out + "\""
}

var source = "// Generated from Migrations/ by MigrationEmbedder at build time. Do not edit.\n\n"
source += "let embeddedMigrationFiles: [(name: String, sql: String)] = [\n"
guard let folder = arguments.dropFirst().first,
      let names = try? FileManager.default.contentsOfDirectory(atPath: folder) else {
    FileHandle.standardError.write(Data("error: cannot list the migrations folder\n".utf8))
    exit(66)
}
for path in names.filter({ $0.hasSuffix(".sql") }).sorted().map({ folder + "/" + $0 }) {
    let url = URL(fileURLWithPath: path)
    guard let data = FileManager.default.contents(atPath: path),
          let text = String(data: data, encoding: .utf8) else {
        FileHandle.standardError.write(Data("error: cannot read \(path) as UTF-8\n".utf8))
        exit(65)
    }
    source += "    (name: \(literal(url.lastPathComponent)), sql: \(literal(text))),\n"
}
source += "]\n"

do {
    try source.write(toFile: output, atomically: true, encoding: .utf8)
} catch {
    FileHandle.standardError.write(Data("error: cannot write \(output): \(error)\n".utf8))
    exit(73)
}
