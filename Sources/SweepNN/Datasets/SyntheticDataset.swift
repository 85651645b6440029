import Foundation
import SweepMath

/// Seeded synthetic data generators with a size parameter, for scale tests and benchmarks.
///
/// The data seed is separate from the training seed, so every trial of a sweep sees the same data.
public enum SyntheticDataset: Sendable, Codable, Equatable {
    /// `classes` isotropic Gaussian clusters (standard deviation `spread`) around centres drawn
    /// uniformly from `[-1, 1]^features`; row `i` belongs to class `i mod classes`. With the
    /// default spread 1 the clusters overlap, so the task is not trivially separable in high dimension.
    case blobs(rows: Int, features: Int, classes: Int, spread: Double, seed: UInt64)
    /// Two interleaved spirals in 2-D (1.5 turns each) with Gaussian noise; 2 classes, alternating rows.
    case twoSpirals(rows: Int, noise: Double, seed: UInt64)
    /// Friedman #1 regression: `x ~ U(0,1)^features` (features ≥ 5),
    /// `y = 10 sin(π x0 x1) + 20 (x2 − 0.5)² + 10 x3 + 5 x4 + noise·N(0,1)`.
    case friedman1(rows: Int, features: Int, noise: Double, seed: UInt64)

    /// A short spec for names and messages, e.g. `blobs:100000x100`.
    public var name: String {
        switch self {
        case let .blobs(rows, features, classes, _, _): return "blobs:\(rows)x\(features)c\(classes)"
        case let .twoSpirals(rows, _, _): return "spirals:\(rows)"
        case let .friedman1(rows, features, _, _): return "friedman1:\(rows)x\(features)"
        }
    }

    /// Parses `blobs[:ROWS[xFEATURES[cCLASSES]]]`, `spirals[:ROWS]` (also `two_spirals`) or
    /// `friedman1[:ROWS[xFEATURES]]`; nil when `spec` names none of them.
    /// Defaults: blobs 10000×20, 10 classes; spirals 2000; friedman1 2000×10. Data seed 0.
    public static func parse(_ spec: String) throws -> SyntheticDataset? {
        let parts = spec.split(separator: ":", maxSplits: 1).map(String.init)
        guard let kind = parts.first?.lowercased() else { return nil }
        let size = parts.count > 1 ? parts[1].lowercased() : ""
        func numbers(_ text: String, separators: [Character]) throws -> [Int] {
            var out: [Int] = []
            var current = ""
            for ch in text {
                if separators.contains(ch) { out.append(try int(current)); current = "" } else { current.append(ch) }
            }
            if !current.isEmpty || !text.isEmpty { out.append(try int(current)) }
            return out
        }
        func int(_ t: String) throws -> Int {
            guard let v = Int(t), v > 0 else {
                throw DatasetError.badSyntheticSpec(spec: spec, reason: "'\(t)' is not a positive integer")
            }
            return v
        }
        switch kind {
        case "blobs":
            let n = try numbers(size, separators: ["x", "c"])
            let rows = n.count > 0 ? n[0] : 10_000, features = n.count > 1 ? n[1] : 20, classes = n.count > 2 ? n[2] : 10
            guard classes >= 2 else { throw DatasetError.badSyntheticSpec(spec: spec, reason: "needs at least 2 classes") }
            return .blobs(rows: rows, features: features, classes: classes, spread: 1, seed: 0)
        case "spirals", "two_spirals", "twospirals":
            let n = try numbers(size, separators: [])
            return .twoSpirals(rows: n.first ?? 2000, noise: 0.2, seed: 0)
        case "friedman1":
            let n = try numbers(size, separators: ["x"])
            let features = n.count > 1 ? n[1] : 10
            guard features >= 5 else { throw DatasetError.badSyntheticSpec(spec: spec, reason: "friedman1 needs at least 5 features") }
            return .friedman1(rows: n.first ?? 2000, features: features, noise: 1, seed: 0)
        default:
            return nil
        }
    }

    /// Generates the data (deterministic in the case's seed).
    public func generate() -> Dataset {
        switch self {
        case let .blobs(rows, features, classes, spread, seed):
            var rng = Xoshiro256StarStar(seed: seed, stream: 0xB10B5)
            let centres = (0..<(classes * features)).map { _ in Float(rng.nextUniform(-1, 1)) }
            var x = [Float](repeating: 0, count: rows * features)
            x.withUnsafeMutableBufferPointer { rng.fillNormal($0, scale: Float(spread)) }
            var labels = [Int32](repeating: 0, count: rows)
            for i in 0..<rows {
                let c = i % classes
                labels[i] = Int32(c)
                for j in 0..<features { x[i * features + j] += centres[c * features + j] }
            }
            return Dataset(name: name, featureNames: (0..<features).map { "f\($0)" }, targetName: "target",
                           features: x, target: .classes(indices: labels, names: (0..<classes).map(String.init)))
        case let .twoSpirals(rows, noise, seed):
            var rng = Xoshiro256StarStar(seed: seed, stream: 0x5B12A1)
            var x = [Float](), labels = [Int32]()
            x.reserveCapacity(rows * 2); labels.reserveCapacity(rows)
            for i in 0..<rows {
                let c = i % 2
                let t = 0.25 + 2.75 * Double.pi * rng.nextUnit()  // angle, ~1.5 turns
                let sign: Double = c == 0 ? 1 : -1
                x.append(Float(sign * t * cos(t) / Double.pi + noise * rng.nextNormal()))
                x.append(Float(sign * t * sin(t) / Double.pi + noise * rng.nextNormal()))
                labels.append(Int32(c))
            }
            return Dataset(name: name, featureNames: ["x0", "x1"], targetName: "target", features: x,
                           target: .classes(indices: labels, names: ["0", "1"]))
        case let .friedman1(rows, features, noise, seed):
            var rng = Xoshiro256StarStar(seed: seed, stream: 0xF21ED)
            var x = [Float](repeating: 0, count: rows * features)
            var y = [Double](repeating: 0, count: rows)
            for i in 0..<rows {
                var u = [Double](repeating: 0, count: features)
                for j in 0..<features { u[j] = rng.nextUnit(); x[i * features + j] = Float(u[j]) }
                // Use the Float-rounded inputs so the target is an exact function of the stored features.
                let v = (0..<5).map { Double(x[i * features + $0]) }
                y[i] = 10 * sin(Double.pi * v[0] * v[1]) + 20 * (v[2] - 0.5) * (v[2] - 0.5) + 10 * v[3] + 5 * v[4]
                    + noise * rng.nextNormal()
            }
            return Dataset(name: name, featureNames: (0..<features).map { "f\($0)" }, targetName: "target",
                           features: x, target: .values(y))
        }
    }
}
