import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import SweepTestSupport
import Synchronization
import Testing

/// `sweep models` and `sweep serve` through the built executable: lineage of a registered trial,
/// aliases, `sweep predict --model NAME@ALIAS`, refusals (exit 2), and a server that answers the same
/// predictions as `sweep predict` and stops cleanly on SIGTERM.
@Suite struct ModelsServeCLITests {
    static let sweepYAML = """
        name: tiny
        seed: 5
        metric: {name: val_accuracy, goal: maximize}
        objective: {kind: mlp, dataset: iris, epochs: 4, layers: 1, nodes: 6}
        parameters: {lr: {type: float, min: 0.003, max: 0.1, log: true}}
        budget: {trials: 3}
        """
    static let rows = "f0,f1,f2,f3\n5.1,3.5,1.4,0.2\n6.7,3.0,5.2,2.3\n5.9,3.0,4.2,1.5\n"

    func json(_ text: String) -> [String: Any]? { try? JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any] }

    /// Class probabilities per row from `sweep predict` CSV, as Float bit patterns.
    func probabilities(csv: String) -> [UInt32] {
        csv.split(separator: "\n").dropFirst().flatMap { line in
            line.split(separator: ",").dropFirst(2).compactMap { Float(String($0))?.bitPattern }
        }
    }

    @Test func registerAliasPredictAndServe() throws {
        try withTemporaryDirectory { dir in
            try Self.sweepYAML.write(to: dir.appendingPathComponent("tiny.yaml"), atomically: true, encoding: .utf8)
            try Self.rows.write(to: dir.appendingPathComponent("x.csv"), atomically: true, encoding: .utf8)
            let run = try CLI.run(["run", "tiny.yaml", "--quiet", "--no-report"], in: dir)
            #expect(run.status == 0, "\(run)")
            let best = try #require(json(try CLI.run(["best", "tiny", "--json"], in: dir).stdout))
            let bestNumber = try #require(best["number"] as? Int)
            let bestValue = try #require(best["value"] as? Double)

            // Lineage of the default (best) trial.
            let registered = try CLI.run(["models", "register", "iris-net", "--from", "tiny", "--json"], in: dir)
            #expect(registered.status == 0, "\(registered)")
            let v1 = try #require(json(registered.stdout))
            #expect(v1["version"] as? Int == 1 && (v1["sha256"] as? String)?.count == 64)
            let lineage = try #require(v1["lineage"] as? [String: Any])
            #expect(lineage["sweep"] as? String == "tiny" && lineage["trial"] as? Int == bestNumber)
            #expect(lineage["dataset"] as? String == "iris" && (lineage["dataset_hash"] as? String)?.isEmpty == false)
            #expect((lineage["code_version"] as? String)?.hasPrefix("sweep ") == true)
            let metrics = try #require(lineage["metrics"] as? [String: Any])
            #expect((metrics["val_accuracy"] as? NSNumber)?.doubleValue == bestValue, "\(metrics)")
            #expect((metrics["epoch"] as? NSNumber)?.intValue == 4, "\(metrics)")
            #expect((lineage["params"] as? [String: Double])?["lr"] == (best["params"] as? [String: Double])?["lr"])

            let other = (0..<3).first { $0 != bestNumber }!
            let v2 = try CLI.run(["models", "register", "iris-net", "--from", "tiny", "--trial", "\(other)", "--json"], in: dir)
            #expect(json(v2.stdout)?["version"] as? Int == 2, "\(v2)")
            let store = ["--storage", "sweeps/tiny.sqlite"]
            #expect(try CLI.run(["models", "alias", "iris-net@production", "1"] + store, in: dir).status == 0)
            let shown = json(try CLI.run(["models", "show", "iris-net@production", "--json"] + store, in: dir).stdout)
            #expect(shown?["version"] as? Int == 1 && shown?["aliases"] as? [String] == ["production"])
            let list = try CLI.run(["models", "list"] + store, in: dir)
            #expect(list.stdout.contains("iris-net") && list.stdout.contains("production→1") && list.stdout.hasSuffix("\n"), "\(list)")

            // predict by alias equals predict from the saved best checkpoint.
            #expect(try CLI.run(["best", "tiny", "--save-model", "best.ckpt"], in: dir).status == 0)
            let fromFile = try CLI.run(["predict", "--model", "best.ckpt", "--data", "x.csv"], in: dir)
            let fromAlias = try CLI.run(["predict", "--model", "iris-net@production", "--data", "x.csv"] + store, in: dir)
            #expect(fromAlias.status == 0 && fromAlias.stdout == fromFile.stdout, "\(fromAlias)")

            // Refusals: bad input, exit 2, a message naming what to fix, nothing changed.
            let refusals: [([String], String)] = [
                (["models", "register", "iris-net", "--from", "tiny", "--trial", "99"], "has no trial 99"),
                (["models", "register", "bad name", "--from", "tiny"], "invalid name 'bad name'"),
                (["models", "alias", "iris-net@production", "9"] + store, "has no version 9"),
                (["models", "alias", "iris-net@7", "1"] + store, "names no alias"),
                (["models", "delete", "iris-net@1"] + store, "still aliased as production"),
                (["models", "show", "nope"] + store, "no registered model 'nope'"),
                (["predict", "--model", "iris-net@staging", "--data", "x.csv"] + store, "has no alias 'staging'"),
                (["serve", "nope", "--port", "0"] + store, "no registered model 'nope'"),
                (["serve", "iris-net", "iris-net@1", "--port", "0"] + store, "given twice"),
                (["serve", "--storage", "sweeps/typo.sqlite"], "no such file sweeps/typo.sqlite"),
                (["models", "list", "--storage", "typo.sqlite"], "no such file typo.sqlite"),
            ]
            for (args, message) in refusals {
                let r = try CLI.run(args, in: dir)
                #expect(r.status == 2 && r.stderr.contains(message), "\(args): \(r)")
            }
            #expect(json(try CLI.run(["models", "show", "iris-net@production", "--json"] + store, in: dir).stdout)?["version"] as? Int == 1)
            #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("sweeps/typo.sqlite").path))

            // Serve the alias; the infer answer equals `sweep predict` bit for bit; SIGTERM stops it cleanly.
            let server = try CLI.start(["serve", "iris-net@production", "--port", "0"] + store, in: dir)
            var port: Int?
            for _ in 0..<3000 where port == nil {
                if let line = server.stdoutSoFar.split(separator: "\n").first(where: { $0.hasPrefix("Listening on http://127.0.0.1:") }) {
                    port = Int(line.dropFirst("Listening on http://127.0.0.1:".count).prefix { $0.isNumber })
                } else {
                    Thread.sleep(forTimeInterval: 0.02)
                }
            }
            let bound = try #require(port, "\(server.wait(timeout: 1))")
            let body = """
                {"inputs": [{"name": "input", "shape": [3, 4], "datatype": "FP32", "data": [5.1, 3.5, 1.4, 0.2, 6.7, 3.0, 5.2, 2.3, 5.9, 3.0, 4.2, 1.5]}]}
                """
            let (status, data) = try post(URL(string: "http://127.0.0.1:\(bound)/v2/models/iris-net/infer")!, body: Data(body.utf8))
            #expect(status == 200)
            let outputs = (json(String(decoding: data, as: UTF8.self))?["outputs"] as? [[String: Any]]) ?? []
            let served = (outputs.first { $0["name"] as? String == "probabilities" }?["data"] as? [Double])?.map { Float($0).bitPattern }
            #expect(served == probabilities(csv: fromAlias.stdout))
            server.signal(SIGTERM)
            let ended = server.wait(timeout: 30)
            #expect(ended.status == 0 && ended.stdout.contains("Serving iris-net@1 (as iris-net@production)") && ended.stdout.contains("Stopped."), "\(ended)")
        }
    }

    /// A blocking POST (the test itself is synchronous).
    func post(_ url: URL, body: Data) throws -> (Int, Data) {
        var request = URLRequest(url: url)
        request.httpMethod = "POST"
        request.httpBody = body
        let result = Mutex<(Int, Data)?>(nil)
        let done = DispatchSemaphore(value: 0)
        URLSession.shared.dataTask(with: request) { data, response, _ in
            result.withLock { $0 = ((response as? HTTPURLResponse)?.statusCode ?? 0, data ?? Data()) }
            done.signal()
        }.resume()
        done.wait()
        return try #require(result.withLock { $0 })
    }
}
