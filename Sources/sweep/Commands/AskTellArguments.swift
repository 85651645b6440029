import ArgumentParser
import Foundation
import Sweep
import SweepStore

/// Reading the numbers of `sweep ask`/`tell` from the command line by hand: ArgumentParser would take
/// `-1.25` for an option, and `Double("nan")`/`Double("inf")` succeed where a result must be refused.
enum AskTellArguments {
    /// Default seconds a trial handed out by `sweep ask` stays reserved without a report: long enough
    /// for an interactive step, short enough that a forgotten trial comes back soon. Every
    /// `sweep tell --step` renews it.
    static let defaultLease = 600.0

    /// The identity of every `sweep ask`/`tell` caller on this host: one owner for all of them, so a
    /// later `tell --step` can renew the lease an earlier `ask` took (only the lease decides when such
    /// a trial is abandoned).
    static var externalWorker: WorkerIdentity {
        WorkerIdentity(id: "external:" + WorkerIdentity.localHost, host: WorkerIdentity.localHost, pid: 0, processStart: 0, external: true)
    }

    /// A metric value: any finite number (`-1.25`, `3e-4`); NaN and ±infinity are refused.
    static func value(_ text: String) throws -> Double {
        guard let v = Double(text.trimmingSpaces) else {
            throw InputError(message: "VALUE must be a number (e.g. 0.123, -1.25, 3e-4), got '\(text)'")
        }
        guard v.isFinite else {
            throw InputError(message: "VALUE must be finite, got '\(text)'; a trial without a usable result is told with --failed REASON")
        }
        return v
    }

    /// A trial number: a whole number ≥ 0.
    static func trial(_ text: String) throws -> Int {
        guard let n = Int(text) else {
            throw InputError(message: "TRIAL must be a trial number as printed by `sweep ask` (0, 1, 2, …), got '\(text)'")
        }
        guard n >= 0 else { throw InputError(message: "TRIAL must be 0 or more (trial numbers start at 0), got \(n)") }
        return n
    }

    /// A step of `--step`: a whole number ≥ 0.
    static func step(_ text: String) throws -> Int {
        guard let n = Int(text), n >= 0 else {
            throw InputError(message: "--step must be a whole number ≥ 0 (the epoch or step of the intermediate value), got '\(text)'")
        }
        return n
    }

    /// A lease in seconds: finite and > 0.
    static func lease(_ text: String?) throws -> Double {
        guard let text else { return defaultLease }
        guard let v = Double(text), v.isFinite, v > 0 else {
            throw InputError(message: "--lease must be a positive number of seconds (e.g. 600), got '\(text)'")
        }
        return v
    }

    /// Splits the free words after the sweep into TRIAL and an optional VALUE; unknown options among
    /// them (ArgumentParser hands them over with the numbers) are named as such.
    static func trialAndValue(_ words: [String]) throws -> (trial: Int, value: Double?) {
        let (trial, values) = try trialAndValues(words)
        guard values.count <= 1 else {
            throw InputError(message: "too many values: \(values.count); expected TRIAL and at most one VALUE")
        }
        return (trial, values.first)
    }

    /// Splits the free words into TRIAL and its VALUEs (one per metric of a multi-objective sweep).
    static func trialAndValues(_ words: [String]) throws -> (trial: Int, values: [Double]) {
        for w in words where w.hasPrefix("-") && Double(w) == nil && w != "--" {
            throw InputError(message: "unknown option '\(w)' (see `sweep tell --help`)")
        }
        let numbers = words.filter { $0 != "--" }
        guard let first = numbers.first else { throw InputError(message: "missing TRIAL: sweep tell NAME TRIAL VALUE") }
        return (try trial(first), try numbers.dropFirst().map(value))
    }

    /// `--metric NAME=VALUE` (repeatable): named finite values for a sweep's constraints.
    static func metrics(_ items: [String]) throws -> [String: Double] {
        var out: [String: Double] = [:]
        for item in items {
            guard let eq = item.firstIndex(of: "="), eq != item.startIndex else {
                throw InputError(message: "--metric expects NAME=VALUE (e.g. --metric latency_us=12.5), got '\(item)'")
            }
            let name = String(item[..<eq])
            guard out[name] == nil else { throw InputError(message: "--metric \(name) is given twice") }
            do {
                out[name] = try value(String(item[item.index(after: eq)...]))
            } catch let error as InputError {
                throw InputError(message: "--metric \(name): " + error.message)
            }
        }
        return out
    }
}
