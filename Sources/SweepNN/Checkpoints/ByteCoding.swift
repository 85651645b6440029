import SweepMath

/// Little-endian binary writer for checkpoints.
struct ByteWriter {
    private(set) var bytes: [UInt8] = []

    mutating func write<T: FixedWidthInteger>(_ value: T) {
        withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) }
    }

    mutating func write(_ data: [UInt8]) {
        write(UInt64(data.count))
        bytes.append(contentsOf: data)
    }

    /// A length-prefixed `Float` vector (IEEE bit patterns, little-endian).
    mutating func write(floats: [Float]) {
        write(UInt64(floats.count))
        bytes.reserveCapacity(bytes.count + 4 * floats.count)
        for f in floats { write(f.bitPattern) }
    }

    mutating func write(_ rng: Xoshiro256StarStar) {
        write(rng.s0); write(rng.s1); write(rng.s2); write(rng.s3)
    }
}

/// Bounds-checked reader matching ``ByteWriter``; throws ``CheckpointError/truncated(source:)``.
struct ByteReader {
    let bytes: [UInt8]
    let source: String
    private(set) var offset = 0

    init(_ bytes: [UInt8], source: String) {
        self.bytes = bytes
        self.source = source
    }

    var remaining: Int { bytes.count - offset }

    mutating func read<T: FixedWidthInteger>(_: T.Type) throws -> T {
        let size = MemoryLayout<T>.size
        guard remaining >= size else { throw CheckpointError.truncated(source: source) }
        var value: T = 0
        for i in 0..<size { value |= T(bytes[offset + i]) << (8 * i) }
        offset += size
        return value
    }

    mutating func readBytes() throws -> [UInt8] {
        let count = try read(UInt64.self)
        guard count <= UInt64(remaining) else { throw CheckpointError.truncated(source: source) }
        defer { offset += Int(count) }
        return Array(bytes[offset..<(offset + Int(count))])
    }

    mutating func readFloats() throws -> [Float] {
        let count = try read(UInt64.self)
        guard count <= UInt64(remaining / 4) else { throw CheckpointError.truncated(source: source) }
        var out = [Float](repeating: 0, count: Int(count))
        for i in 0..<Int(count) { out[i] = Float(bitPattern: try read(UInt32.self)) }
        return out
    }

    mutating func readRNG() throws -> Xoshiro256StarStar {
        var rng = Xoshiro256StarStar(seed: 0)
        rng.s0 = try read(UInt64.self); rng.s1 = try read(UInt64.self)
        rng.s2 = try read(UInt64.self); rng.s3 = try read(UInt64.self)
        return rng
    }
}
