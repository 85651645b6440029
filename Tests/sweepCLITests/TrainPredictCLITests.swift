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

    func sweep(_ arguments: String...) throws -> Output { try sweep(arguments, in: nil) }

    func sweep(_ arguments: [String], in directory: URL?) throws -> Output {
        let process = Process()
        process.executableURL = try Self.executable()
        process.arguments = arguments
        if let directory { process.currentDirectoryURL = directory }
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

    @Test func bestModelOfAnMLPSweepPredicts() throws {
        try withTemporaryDirectory { dir in
            try """
            name: tiny
            seed: 3
            metric: {name: val_accuracy, goal: maximize}
            objective: {kind: mlp, dataset: iris, epochs: 4, layers: 1, nodes: 8}
            parameters:
              lr: {type: float, min: 0.003, max: 0.1, log: true}
            budget: {trials: 3}
            """.write(to: dir.appendingPathComponent("tiny.yaml"), atomically: true, encoding: .utf8)
            let run = try sweep(["run", "tiny.yaml", "--quiet", "--no-report"], in: dir)
            #expect(run.status == 0, "\(run.stderr)")
            let best = try sweep(["best", "tiny", "--json"], in: dir)
            let bestJSON = try JSONSerialization.jsonObject(with: Data(best.stdout.utf8)) as? [String: Any]
            let number = try #require(bestJSON?["number"] as? Int)

            let saved = try sweep(["best", "tiny", "--save-model", "best.ckpt"], in: dir)
            #expect(saved.status == 0, "\(saved.stderr)")
            #expect(saved.stdout.contains("Model of trial #\(number) (epoch 4) written to best.ckpt"), "\(saved.stdout)")
            let data = dir.appendingPathComponent("x.csv")
            try "f0,f1,f2,f3\n5.1,3.5,1.4,0.2\n6.7,3.0,5.2,2.3\n".write(to: data, atomically: true, encoding: .utf8)
            let p = try sweep(["predict", "--model", "best.ckpt", "--data", data.path], in: dir)
            #expect(p.status == 0, "\(p.stderr)")
            #expect(p.stdout.split(separator: "\n").count == 3)

            // Every epoch of every trial is in its log, with a timestamp.
            let log = try String(contentsOf: dir.appendingPathComponent("sweeps/tiny.files/logs/trial-\(number).log"), encoding: .utf8)
            let epochs = log.split(separator: "\n").filter { $0.contains(" epoch=") }
            #expect(epochs.count == 4, "\(log)")
            #expect(epochs.last?.contains("epoch=4 ") == true && epochs.last?.contains("val_accuracy=") == true)

            // Not an mlp sweep: a clear refusal, nothing written.
            try """
            name: fn
            objective: {kind: function, function: branin}
            parameters: {x0: {type: float, min: -5, max: 10}, x1: {type: float, min: 0, max: 15}}
            budget: {trials: 2}
            """.write(to: dir.appendingPathComponent("fn.yaml"), atomically: true, encoding: .utf8)
            #expect(try sweep(["run", "fn.yaml", "--quiet", "--no-report"], in: dir).status == 0)
            let refused = try sweep(["best", "fn", "--save-model", "fn.ckpt"], in: dir)
            #expect(refused.status == 2)
            #expect(refused.stderr.contains("only mlp sweeps store models"), "\(refused.stderr)")
            #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("fn.ckpt").path))
        }
    }

    @Test func badInputExitsWithTwo() throws {
        try withTemporaryDirectory { dir in
            // Unknown flags and missing arguments are bad input too (not ArgumentParser's EX_USAGE 64).
            let r = try sweep("train", "--dataset", "iris", "--no-such-flag")
            #expect(r.status == 2 && r.stderr.contains("--no-such-flag"), "\(r)")
            #expect(try sweep("run").status == 2)
            #expect(try sweep("--help").status == 0)
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
