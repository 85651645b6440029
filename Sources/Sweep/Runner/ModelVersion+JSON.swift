import Foundation
import SweepCore
import SweepStore

extension ModelVersion {
    /// Registration time, ISO 8601 UTC to the second.
    public var registeredAt: String { Trial.timestamp(createdAt) }

    /// The version as a JSON-like value: model, version, aliases, checksum, size, registration time
    /// and lineage (sweep, trial, params, metrics, dataset, dataset hash, code version). Exact numbers.
    public var jsonValue: AttributeValue {
        .object([
            "model": .string(model),
            "version": .number(Double(version)),
            "aliases": .array(aliases.map(AttributeValue.string)),
            "sha256": .string(checksum),
            "size_bytes": .number(Double(size)),
            "registered_at": .string(registeredAt),
            "lineage": .object([
                "sweep": .string(lineage.sweep),
                "trial": .number(Double(lineage.trial)),
                "params": .object(lineage.params.mapValues(\.jsonValue)),
                "metrics": .object(lineage.metrics.mapValues(AttributeValue.number)),
                "dataset": .string(lineage.datasetName),
                "dataset_hash": .string(lineage.datasetHash),
                "code_version": .string(lineage.codeVersion),
            ]),
        ])
    }
}
