import Testing
@testable import Sweep

/// Parses each YAML text and expects it to be refused with a message that contains `fragment`
/// and starts with `prefix` (the file name, optionally with a line: where the user must look).
func expectConfigsRejected(_ cases: [(yaml: String, fragment: String)], file: String, prefix: String,
                           sourceLocation: SourceLocation = #_sourceLocation) {
    for (yaml, fragment) in cases {
        do {
            _ = try SweepConfig.parse(yaml: yaml, file: file)
            Issue.record("parsed: \(yaml)", sourceLocation: sourceLocation)
        } catch {
            #expect("\(error)".contains(fragment), "\(error)", sourceLocation: sourceLocation)
            #expect("\(error)".hasPrefix(prefix), "\(error)", sourceLocation: sourceLocation)
        }
    }
}
