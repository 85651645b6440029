import Foundation
import SweepMath

/// A training snapshot at an epoch boundary: configuration, weights, optimizer state, both RNG
/// states, epoch and the data's fingerprint and scaling.
///
/// Binary format, version 1, all integers little-endian:
///
/// | bytes | content |
/// |---|---|
/// | 8 | magic `SWPNNCKP` |
/// | 4 | format version (`UInt32`) |
/// | 8 + n | manifest: length (`UInt64`), then UTF-8 JSON (configuration, layout, dataset name and fingerprint, feature names, output kind and target scaling, standardiser, epoch, samples seen, optimizer step) |
/// | 8 + 4p | parameters: count, then `Float` bit patterns |
/// | 8 + 4f | optimizer first moment / velocity (count may be 0) |
/// | 8 + 4s | optimizer second moment (count may be 0) |
/// | 64 | shuffle and dropout generators, 4 × `UInt64` each |
/// | 4 | CRC-32 (zlib's) of every preceding byte |
///
/// JSON holds `Float`/`Double` values in Swift's shortest round-trip form, so they read back exactly.
public struct MLPCheckpoint: Sendable {
    public static let magic: [UInt8] = Array("SWPNNCKP".utf8)
    public static let formatVersion: UInt32 = 1

    struct Manifest: Codable, Sendable {
        var configuration: MLPConfiguration
        var layout: NetworkLayout
        var datasetName: String
        /// Hex, so JSON readers that parse numbers as doubles can't round it.
        var datasetFingerprint: String
        var featureNames: [String]
        var targetName: String
        var output: ModelOutput
        var standardizer: Standardizer
        var epoch: Int
        var samplesSeen: Int
        var optimizerStep: Int
    }

    var manifest: Manifest
    var parameters: [Float]
    var optimizerFirst: [Float]
    var optimizerSecond: [Float]
    var shuffleRNG: Xoshiro256StarStar
    var dropoutRNG: Xoshiro256StarStar

    /// Epochs completed when the snapshot was taken.
    public var epoch: Int { manifest.epoch }
    public var configuration: MLPConfiguration { manifest.configuration }
    /// Name of the dataset it was trained on (shipped name, path or synthetic spec).
    public var datasetName: String { manifest.datasetName }
    /// Content fingerprint of the training data (64-bit FNV-1a, hex; see `Dataset.fingerprint`).
    public var datasetFingerprint: String { manifest.datasetFingerprint }

    /// The trained model (for prediction).
    public var model: MLPModel {
        MLPModel(layout: manifest.layout, activation: manifest.configuration.activation,
                 featureNames: manifest.featureNames, targetName: manifest.targetName,
                 standardizer: manifest.standardizer, output: manifest.output, parameters: parameters)
    }

    init(trainer t: MLPTrainer) {
        manifest = Manifest(
            configuration: t.configuration, layout: t.layout, datasetName: t.datasetName,
            datasetFingerprint: String(t.datasetFingerprint, radix: 16), featureNames: t.featureNames,
            targetName: t.targetName, output: t.output, standardizer: t.standardizer, epoch: t.epoch,
            samplesSeen: t.samplesSeen, optimizerStep: t.optimizer.step)
        parameters = t.engine.parameters.array
        optimizerFirst = t.optimizer.first.array
        optimizerSecond = t.optimizer.second.array
        shuffleRNG = t.shuffleRNG
        dropoutRNG = t.dropoutRNG.pointer.pointee
    }

    /// The serialised form (see the type's documentation).
    public func encoded() -> Data {
        var w = ByteWriter()
        for b in Self.magic { w.write(b) }
        w.write(Self.formatVersion)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        // Every field is finite by construction (validated configuration, finite data).
        w.write(Array((try? encoder.encode(manifest)) ?? Data()))
        w.write(floats: parameters)
        w.write(floats: optimizerFirst)
        w.write(floats: optimizerSecond)
        w.write(shuffleRNG)
        w.write(dropoutRNG)
        let crc = CRC32.checksum(w.bytes)
        w.write(crc)
        return Data(w.bytes)
    }

    /// Decodes and verifies `data`. `source` names it in errors (a path, or "checkpoint data").
    /// - Throws: ``CheckpointError``: wrong magic, unsupported version, checksum mismatch,
    ///   truncation, or content that does not fit together.
    public init(data: Data, source: String = "checkpoint data") throws {
        let bytes = [UInt8](data)
        guard bytes.count >= Self.magic.count, Array(bytes.prefix(Self.magic.count)) == Self.magic else {
            throw CheckpointError.notACheckpoint(source: source)
        }
        var r = ByteReader(bytes, source: source)
        for _ in Self.magic { _ = try r.read(UInt8.self) }
        let version = try r.read(UInt32.self)
        guard version == Self.formatVersion else {
            throw CheckpointError.unsupportedVersion(source: source, found: version, supported: Self.formatVersion)
        }
        guard bytes.count >= 16 else { throw CheckpointError.truncated(source: source) }
        let body = bytes.count - 4
        var crcReader = ByteReader(Array(bytes[body...]), source: source)
        let stored = try crcReader.read(UInt32.self)
        let computed = CRC32.checksum(bytes[..<body])
        guard stored == computed else {
            throw CheckpointError.checksumMismatch(source: source, stored: stored, computed: computed)
        }
        var content = ByteReader(Array(bytes[..<body]), source: source)
        for _ in 0..<(Self.magic.count + 4) { _ = try content.read(UInt8.self) }
        let json = try content.readBytes()
        do {
            manifest = try JSONDecoder().decode(Manifest.self, from: Data(json))
        } catch {
            throw CheckpointError.malformed("\(source): manifest does not decode (\(error))")
        }
        parameters = try content.readFloats()
        optimizerFirst = try content.readFloats()
        optimizerSecond = try content.readFloats()
        shuffleRNG = try content.readRNG()
        dropoutRNG = try content.readRNG()
        guard content.remaining == 0 else {
            throw CheckpointError.malformed("\(source): \(content.remaining) unexpected bytes after the content")
        }
        let expected = NetworkLayout(inputCount: manifest.layout.inputCount, hiddenWidths: manifest.configuration.hiddenWidths,
                                     outputCount: manifest.layout.outputCount)
        guard expected == manifest.layout, parameters.count == manifest.layout.parameterCount,
              manifest.featureNames.count == manifest.layout.inputCount,
              manifest.standardizer.means.count == manifest.layout.inputCount,
              manifest.standardizer.scales.count == manifest.layout.inputCount else {
            throw CheckpointError.malformed("\(source): layout, parameters and feature names disagree")
        }
    }

    /// Reads and verifies a checkpoint file.
    public static func read(from path: String) throws -> MLPCheckpoint {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            let reason = FileManager.default.fileExists(atPath: path) ? "not readable" : "no such file"
            throw CheckpointError.unreadable(source: path, reason: reason)
        }
        return try MLPCheckpoint(data: data, source: path)
    }

    /// Writes `data` to `path` atomically (a temporary file, then a rename).
    public static func write(_ data: Data, to path: String) throws {
        do {
            try data.write(to: URL(fileURLWithPath: path), options: .atomic)
        } catch {
            throw CheckpointError.unwritable(source: path, reason: "\(error.localizedDescription)")
        }
    }
}

extension MLPTrainer {
    /// A snapshot at the current epoch boundary (see ``MLPCheckpoint`` for the format).
    public func checkpoint() -> Data {
        MLPCheckpoint(trainer: self).encoded()
    }

    /// Resumes from ``checkpoint()`` bytes: the next ``trainEpoch()`` gives exactly what the
    /// uninterrupted run's next epoch gives (same BLAS thread count).
    /// - Parameters:
    ///   - data: checkpoint bytes; `source` names them in errors.
    ///   - dataset: the dataset the checkpoint was trained on (checked by fingerprint).
    /// - Throws: ``CheckpointError`` for corrupt or foreign bytes or a different dataset.
    public convenience init(restoringFrom data: Data, dataset: Dataset, source: String = "checkpoint data") throws {
        let checkpoint = try MLPCheckpoint(data: data, source: source)
        let m = checkpoint.manifest
        guard m.datasetFingerprint == String(dataset.fingerprint, radix: 16) else {
            throw CheckpointError.datasetMismatch(
                expected: "'\(m.datasetName)' (fingerprint \(m.datasetFingerprint))",
                found: "'\(dataset.name)' (fingerprint \(String(dataset.fingerprint, radix: 16)))")
        }
        try self.init(configuration: m.configuration, dataset: dataset)
        guard layout == m.layout else { throw CheckpointError.malformed("\(source): layout does not match its configuration") }
        engine.parameters.assign(checkpoint.parameters)
        try optimizer.restore(step: m.optimizerStep, first: checkpoint.optimizerFirst, second: checkpoint.optimizerSecond)
        shuffleRNG = checkpoint.shuffleRNG
        dropoutRNG.pointer.pointee = checkpoint.dropoutRNG
        restoreProgress(epoch: m.epoch, samplesSeen: m.samplesSeen)
    }
}
