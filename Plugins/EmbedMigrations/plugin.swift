import Foundation
import PackagePlugin

/// Regenerates `EmbeddedMigrations.swift` from the package's `Migrations/` folder on every
/// build, so the binary carries exactly the files in the folder and cannot drift from it.
@main
struct EmbedMigrations: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        let folder = context.package.directoryURL.appendingPathComponent("Migrations")
        let files = try FileManager.default.contentsOfDirectory(at: folder, includingPropertiesForKeys: nil)
            .filter { $0.pathExtension == "sql" }
            .sorted { $0.lastPathComponent < $1.lastPathComponent }
        let output = context.pluginWorkDirectoryURL.appendingPathComponent("EmbeddedMigrations.swift")
        // The folder itself is an input too, and the embedder lists it when it runs: a file
        // added to Migrations/ changes the folder, reruns the command, and is embedded, even
        // when SwiftPM does not plan the build anew.
        return [
            .buildCommand(
                displayName: "Embedding migrations",
                executable: try context.tool(named: "MigrationEmbedder").url,
                arguments: [output.path, folder.path],
                inputFiles: [folder] + files,
                outputFiles: [output]
            ),
        ]
    }
}
