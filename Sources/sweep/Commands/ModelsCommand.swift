import ArgumentParser
import Foundation
import Sweep
import SweepCore
import SweepStore

/// `sweep models`: the model registry (register, list, show, alias, delete). Parsing and printing only.
struct ModelsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "models",
        abstract: "Register models trained by mlp sweeps, with lineage and aliases, for `sweep serve` and `sweep predict`.",
        discussion: """
            The registry lives in the sweep's storage (SQLite file or PostgreSQL URL). A model is named \
            NAME (its newest version), NAME@VERSION or NAME@ALIAS.
            """,
        subcommands: [ModelsRegisterCommand.self, ModelsListCommand.self, ModelsShowCommand.self,
                      ModelsAliasCommand.self, ModelsDeleteCommand.self]
    )
}

/// `--storage` for commands that read the registry.
struct RegistryStorage: ParsableArguments {
    @Option(name: .long, help: "The registry's storage: an SQLite file (e.g. sweeps/quickstart.sqlite) or a postgresql:// URL.")
    var storage: String

    func open() throws -> any ModelRegistry { try StorageLocation.parse(storage, sweepName: "").openRegistry() }
}

struct ModelsRegisterCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "register", abstract: "Store a trial's model as the next version of NAME, with its lineage.")

    @Argument(help: "Model name (letters, digits, . _ -).") var name: String
    @Option(name: .long, help: "The sweep that trained it: name, YAML file or database file.") var from: String
    @Option(name: .long, help: "Where the sweep is stored (SQLite path or postgresql:// URL); --from is then the sweep name.")
    var storage: String?
    @Option(name: .long, help: "Trial number (default: the best complete trial).") var trial: Int?
    @Flag(name: .long, help: "Print as JSON.") var json = false

    func run() throws {
        try guarded {
            let version = try SweepLocator.locate(from, storage: storage).registerModel(name, trial: trial)
            if json { Format.printJSON(version.jsonValue); return }
            print("Registered \(version.model)@\(version.version) from trial #\(version.lineage.trial) of sweep '\(version.lineage.sweep)' "
                  + "(sha256 \(version.checksum.prefix(12))…)")
        }
    }
}

struct ModelsListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List registered models: versions and aliases.")

    @OptionGroup var registry: RegistryStorage
    @Flag(name: .long, help: "Print as JSON.") var json = false

    func run() throws {
        try guarded {
            let store = try registry.open()
            let models = try store.modelNames().map { ($0, try store.modelVersions(model: $0)) }
            if json {
                Format.printJSON(.array(models.map { name, versions in
                    .object(["name": .string(name), "versions": .array(versions.map(\.jsonValue))])
                }))
                return
            }
            if models.isEmpty { print("No registered models in \(store.location)"); return }
            let rows = models.map { name, versions -> [String] in
                let aliases = versions.flatMap { v in v.aliases.map { "\($0)→\(v.version)" } }
                return [name, "\(versions.count)", versions.last.map { "\($0.version)" } ?? "-", aliases.joined(separator: " ")]
            }
            print(Format.table(["model", "versions", "latest", "aliases"], rows, rightAlign: [1, 2]))
        }
    }
}

struct ModelsShowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "show", abstract: "Show a model's versions and their lineage (or one version's).")

    @Argument(help: "NAME, NAME@VERSION or NAME@ALIAS.") var model: String
    @OptionGroup var registry: RegistryStorage
    @Flag(name: .long, help: "Print as JSON.") var json = false

    func run() throws {
        try guarded {
            let store = try registry.open()
            let reference = try ModelReference(parsing: model)
            let versions: [ModelVersion] = model.contains("@") ? [try store.resolve(reference)] : try store.modelVersions(model: reference.name)
            if json {
                Format.printJSON(model.contains("@") ? versions[0].jsonValue : .array(versions.map(\.jsonValue)))
                return
            }
            for v in versions {
                let aliases = v.aliases.isEmpty ? "" : " (" + v.aliases.joined(separator: ", ") + ")"
                print("\(v.model)@\(v.version)\(aliases)")
                print("  from:     sweep '\(v.lineage.sweep)' trial #\(v.lineage.trial)")
                print("  params:   " + v.lineage.params.sorted { $0.key < $1.key }.map { "\($0.key)=\(Format.param($0.value))" }.joined(separator: " "))
                print("  metrics:  " + v.lineage.metrics.sorted { $0.key < $1.key }.map { "\($0.key)=\(Format.value($0.value))" }.joined(separator: " "))
                print("  dataset:  \(v.lineage.datasetName) (hash \(v.lineage.datasetHash))")
                print("  code:     \(v.lineage.codeVersion)")
                print("  sha256:   \(v.checksum) (\(v.size) bytes), registered \(v.registeredAt)")
            }
        }
    }
}

struct ModelsAliasCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "alias", abstract: "Point NAME@ALIAS at a version (or remove it with --remove).")

    @Argument(help: "NAME@ALIAS, e.g. digits@production.") var alias: String
    @Argument(help: "The version it should point at.") var version: Int?
    @Flag(name: .long, help: "Remove the alias instead.") var remove = false
    @OptionGroup var registry: RegistryStorage
    @Flag(name: .long, help: "Print as JSON.") var json = false

    func run() throws {
        try guarded {
            let reference = try ModelReference(parsing: alias)
            guard case let .alias(name) = reference.selector else {
                throw InputError(message: "'\(alias)' names no alias; write NAME@ALIAS (e.g. \(reference.name)@production)")
            }
            let store = try registry.open()
            if remove {
                try store.removeModelAlias(model: reference.name, alias: name)
                if json { Format.printJSON(.object(["model": .string(reference.name), "alias": .string(name), "version": .null])) }
                else { print("Removed \(alias)") }
                return
            }
            guard let version else { throw InputError(message: "give the version \(alias) should point at (or --remove)") }
            try store.setModelAlias(model: reference.name, alias: name, version: version)
            if json {
                Format.printJSON(.object(["model": .string(reference.name), "alias": .string(name), "version": .number(Double(version))]))
            } else {
                print("\(alias) → version \(version)")
            }
        }
    }
}

struct ModelsDeleteCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "delete", abstract: "Delete one version (NAME@VERSION) or a whole model (NAME) with its aliases.")

    @Argument(help: "NAME or NAME@VERSION.") var model: String
    @OptionGroup var registry: RegistryStorage
    @Flag(name: .long, help: "Print as JSON.") var json = false

    func run() throws {
        try guarded {
            let reference = try ModelReference(parsing: model)
            let store = try registry.open()
            switch reference.selector {
            case let .version(v):
                try store.deleteModelVersion(model: reference.name, version: v)
            case .latest where !model.contains("@"):
                try store.deleteModel(reference.name)
            default:
                throw InputError(message: "'\(model)': delete takes NAME or NAME@VERSION, not an alias (remove it with `sweep models alias \(model) --remove`)")
            }
            if json { Format.printJSON(.object(["deleted": .string(model)])) } else { print("Deleted \(model)") }
        }
    }
}
