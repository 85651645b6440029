import Foundation
import SweepTestSupport
import Testing

/// `sweep train` / `sweep predict` end to end through the built executable: output shape, exit
/// codes (0 ok, 2 bad input, 1 training failure) and messages.
@Suite struct TrainPredictCLITests {
    struct Output {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// The `sweep` executable built next to the test bundle.
    static func executable() throws -> URL {
        let candidates = [
            Bundle.main.bundleURL.deletingLastPathComponent().appendingPathComponent("sweep"),
            Bundle.main.bundleURL.appendingPathComponent("sweep"),
            URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("sweep"),
        ]
        for url in candidates where FileManager.default.isExecutableFile(atPath: url.path) { return url }
        throw FixtureError.missing("sweep executable", searched: candidates.map(\.path))
    }

    func sweep(_ arguments: String...) throws -> Output {
        let process = Process()
        process.executableURL = try Self.executable()
        process.arguments = arguments
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Output(status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self),
                      stderr: String(decoding: stderr, as: UTF8.self))
    }

    @Test func trainSavePredict() throws {
        try withTemporaryDirectory { dir in
            let model = dir.appendingPathComponent("m.ckpt").path
            let r = try sweep("train", "--dataset", "iris", "--layers", "1", "--nodes", "8", "--epochs", "3",
                              "--lr", "0.01", "--json", "--save", model)
            #expect(r.status == 0, "\(r.stderr)")
            let json = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any]
            #expect(json?["dataset"] as? String == "iris")
            #expect((json?["epochs"] as? [Any])?.count == 3)
            let final = json?["final"] as? [String: Any]
            #expect(final?["validation_accuracy"] is Double)
            #expect(FileManager.default.fileExists(atPath: model))

            let data = dir.appendingPathComponent("x.csv")
            try "f0,f1,f2,f3\n5.1,3.5,1.4,0.2\n6.7,3.0,5.2,2.3\n".write(to: data, atomically: true, encoding: .utf8)
            let p = try sweep("predict", "--model", model, "--data", data.path)
            #expect(p.status == 0, "\(p.stderr)")
            let lines = p.stdout.split(separator: "\n")
            #expect(lines.first == "row,prediction,p_0,p_1,p_2")
            #expect(lines.count == 3)

            let outFile = dir.appendingPathComponent("pred.csv").path
            #expect(try sweep("predict", "--model", model, "--data", data.path, "--output", outFile).status == 0)
            #expect(try String(contentsOfFile: outFile, encoding: .utf8) == p.stdout)
        }
    }

    @Test func badInputExitsWithTwo() throws {
        try withTemporaryDirectory { dir in
            // Unknown flags are the root command's business (ArgumentParser's usage exit code).
            let r = try sweep("train", "--dataset", "iris", "--no-such-flag")
            #expect(r.status != 0 && r.stderr.contains("--no-such-flag"))
            #expect(try sweep("train", "--dataset", "nope").status == 2)
            #expect(try sweep("train", "--dataset", "iris", "--dropout", "1.5").status == 2)

            let bad = dir.appendingPathComponent("bad.csv")
            try "a,b,target\n1,2,0\n3,x,1\n".write(to: bad, atomically: true, encoding: .utf8)
            let csv = try sweep("train", "--dataset", bad.path, "--epochs", "1")
            #expect(csv.status == 2)
            #expect(csv.stderr.contains("line 3, column 'b'"))

            let corrupt = dir.appendingPathComponent("c.ckpt")
            try Data("SWPNNCKP garbage".utf8).write(to: corrupt)
            let c = try sweep("predict", "--model", corrupt.path, "--data", bad.path)
            #expect(c.status == 2)
            #expect(c.stderr.contains(corrupt.path))
        }
    }

    @Test func divergenceExitsWithOne() throws {
        let r = try sweep("train", "--dataset", "diabetes", "--optimizer", "sgd", "--lr", "1e9", "--momentum", "0",
                          "--epochs", "5")
        #expect(r.status == 1)
        #expect(r.stderr.contains("diverged"))
    }
}
