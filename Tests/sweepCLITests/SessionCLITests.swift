import Foundation
import SweepCore
import SweepTestSupport
import Testing

/// `sweep session` as a client sees it: a child process speaking JSON lines on stdin/stdout.
private final class SessionProcess {
    let process = Process()
    let input = Pipe()
    let output = Pipe()
    private var buffer = Data()

    init(_ args: [String], in dir: URL) throws {
        process.executableURL = CLI.executable
        process.arguments = ["session"] + args
        process.currentDirectoryURL = dir
        process.standardInput = input
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
    }

    func line() throws -> AttributeValue? {
        while true {
            if let nl = buffer.firstIndex(of: UInt8(ascii: "\n")) {
                let text = String(decoding: buffer[buffer.startIndex..<nl], as: UTF8.self)
                buffer.removeSubrange(buffer.startIndex...nl)
                return try AttributeValue.parseJSON(text)
            }
            let chunk = output.fileHandleForReading.availableData
            if chunk.isEmpty { return nil }
            buffer.append(chunk)
        }
    }

    func send(_ text: String) throws -> AttributeValue? {
        input.fileHandleForWriting.write(Data((text + "\n").utf8))
        return try line()
    }

    func wait() -> Int32 {
        process.waitUntilExit()
        return process.terminationStatus
    }
}

@Suite struct SessionCLITests {
    @Test func servesJSONLinesAndHandsTrialsBackAtEndOfInput() throws {
        let dir = try makeTemporaryDirectory()
        try write("name: s\nparameters:\n  x: {type: float, min: 0, max: 1}\nbudget: {trials: 5}\n", to: dir.appendingPathComponent("s.yaml"))
        let s = try SessionProcess(["s.yaml"], in: dir)
        let ready = try #require(try s.line())
        #expect(ready["event"] == .string("ready") && ready["protocol"] == .number(1) && ready["sweep"] == .string("s"))
        #expect(try s.send(#"{"id":1,"op":"ask"}"#)?["trial"] == .number(0))
        #expect(try s.send(#"{"id":2,"op":"tell","trial":0,"value":-1.25}"#)?["ok"] == .bool(true))
        #expect(try s.send(#"{"id":3,"op":"ask"}"#)?["trial"] == .number(1))
        #expect(try s.send(#"{"id":4,"op":"report","trial":1,"step":3,"value":0.5}"#)?["decision"] == .string("continue"))
        let status = try json(CLI.run(["status", "s", "--json"], in: dir).stdout)
        #expect(status["counts"]?["running"] == .number(1))
        try s.input.fileHandleForWriting.close()
        #expect(s.wait() == 0)
        let trials = try json(CLI.run(["trials", "s", "--format", "json"], in: dir).stdout).items
        #expect(trials.map { $0["state"] } == [.string("complete"), .string("waiting")])
        #expect(trials[1]["intermediate_values"] == .object(["3": .number(0.5)]))
    }

    @Test func aKilledSessionsTrialsAreResumedByTheNextOne() throws {
        let dir = try makeTemporaryDirectory()
        try write("name: k\nparameters:\n  x: {type: float, min: 0, max: 1}\nbudget: {trials: 2}\n", to: dir.appendingPathComponent("k.yaml"))
        let first = try SessionProcess(["k.yaml"], in: dir)
        _ = try first.line()
        let asked = try #require(try first.send(#"{"op":"ask"}"#))
        kill(first.process.processIdentifier, SIGKILL)
        _ = first.wait()
        let second = try SessionProcess(["k", "--storage", "sweeps/k.sqlite"], in: dir)
        _ = try second.line()
        let again = try #require(try second.send(#"{"op":"ask"}"#))
        #expect(again["trial"] == asked["trial"] && again["params"] == asked["params"])
        #expect(try second.send(#"{"op":"close"}"#)?["released"] == .array([.number(0)]))
        #expect(second.wait() == 0)
    }

    @Test func aSweepThatCannotBeOpenedIsAnErrorLine() throws {
        let dir = try makeTemporaryDirectory()
        let s = try SessionProcess(["nothere"], in: dir)
        let line = try #require(try s.line())
        #expect(line["event"] == .string("error") && line["error"]?["code"] == .string("config"), "\(line)")
        #expect(s.wait() == 2)
    }
}
