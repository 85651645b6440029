import Foundation
import SweepTestSupport
import Testing

/// `sweep best` on sweeps with several metrics: the front (table and JSON), `--pick`, and
/// `--save-model` with `--pick`.
@Suite struct BestFrontCLITests {
    /// Ask/tell: #0, #1, #3 form the feasible front (best accuracy first: #3, #1, #0); #2 is dominated;
    /// #4 would dominate all but violates `latency_us <= 50`.
    static let yaml = """
        name: mo
        metrics:
          - {name: acc, goal: maximize}
          - {name: latency_us, goal: minimize}
        constraints: ["latency_us <= 50"]
        method: random
        parameters:
          x: {type: float, min: 0, max: 1}
        budget: {trials: 10}
        """

    static func told() throws -> URL {
        let dir = try makeTemporaryDirectory()
        try yaml.write(to: dir.appendingPathComponent("mo.yaml"), atomically: true, encoding: .utf8)
        let told: [(String, String)] = [("0.90", "10"), ("0.95", "20"), ("0.85", "30"), ("0.97", "40"), ("0.99", "60")]
        for (i, v) in told.enumerated() {
            #expect(try CLI.run(["ask", "mo.yaml"], in: dir).status == 0)
            let r = try CLI.run(["tell", "mo", "\(i)", v.0, v.1], in: dir)
            #expect(r.status == 0, "\(r)")
        }
        return dir
    }

    @Test func printsTheFrontBestFirstByTheFirstMetric() throws {
        let dir = try Self.told()
        let table = try CLI.run(["best", "mo"], in: dir)
        #expect(table.status == 0, "\(table)")
        let rows = table.stdout.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
        #expect(rows.first?.hasPrefix("Pareto front of 'mo': 3 feasible non-dominated trial(s) of 5") == true, "\(table.stdout)")
        let numbers = rows.compactMap { r in r.split(separator: " ").first.flatMap { Int($0) } }
        #expect(numbers == [3, 1, 0], "\(table.stdout)")
        let json = try CLI.run(["best", "mo", "--json"], in: dir)
        let list = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [[String: Any]])
        #expect(list.map { $0["number"] as? Int } == [3, 1, 0])
        #expect(list.first?["values"] as? [Double] == [0.97, 40])
    }

    @Test func pickKeepsTrialsSatisfyingEveryExpressionAndTakesTheBestFirstMetric() throws {
        let dir = try Self.told()
        let one = try CLI.run(["best", "mo", "--pick", "latency_us <= 20", "--json"], in: dir)
        let picked = try #require(try JSONSerialization.jsonObject(with: Data(one.stdout.utf8)) as? [String: Any])
        #expect(picked["number"] as? Int == 1, "\(one)")
        let two = try CLI.run(["best", "mo", "--pick", "latency_us<=35", "--pick", "acc > 0.86"], in: dir)
        #expect(two.status == 0 && two.stdout.hasPrefix("Picked trial #1 (latency_us<=35, acc > 0.86; best acc): acc 0.95, latency_us 20"), "\(two)")
        // The infeasible #4 (acc 0.99) is never picked.
        let all = try CLI.run(["best", "mo", "--pick", "acc >= 0.5", "--json"], in: dir)
        #expect((try JSONSerialization.jsonObject(with: Data(all.stdout.utf8)) as? [String: Any])?["number"] as? Int == 3)
    }

    @Test func badPicksExit2NamingTheExpression() throws {
        let dir = try Self.told()
        let cases: [([String], String)] = [
            (["--pick", "latency_us <= 20", "--pick", "acc >= 0.96"],
             "no complete feasible trial satisfies latency_us <= 20 and acc >= 0.96; the closest is #1 (acc 0.95, latency_us 20)"),
            (["--pick", "size <= 3"], "--pick 'size <= 3': the sweep has no metric 'size'; pick on one of: acc, latency_us"),
            (["--pick", "latency_us = 3"], "--pick 'latency_us = 3':"),
            (["--pick", "latency_us <= fast"], "--pick 'latency_us <= fast':"),
            (["--pick", "latency_us <= 20", "--save-model", "m.ckpt"], "only mlp sweeps store models"),
        ]
        for (args, message) in cases {
            let r = try CLI.run(["best", "mo"] + args, in: dir)
            #expect(r.status == 2 && r.stderr.contains(message), "\(args): \(r)")
        }
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("m.ckpt").path))
    }

    /// The picked trial's model is the one saved: the most accurate trial with few parameters.
    @Test func saveModelWithPickSavesThePickedTrialsModel() throws {
        let dir = try makeTemporaryDirectory()
        try """
            name: tiny
            seed: 3
            metrics:
              - {name: val_accuracy, goal: maximize}
              - {name: parameter_count, goal: minimize}
            method: random
            objective: {kind: mlp, dataset: iris, epochs: 3, layers: 1, cost: exact}
            parameters:
              nodes: {values: [4, 32]}
              lr: {type: float, min: 0.01, max: 0.1, log: true}
            budget: {trials: 6}
            """.write(to: dir.appendingPathComponent("tiny.yaml"), atomically: true, encoding: .utf8)
        let run = try CLI.run(["run", "tiny.yaml", "--quiet", "--no-report"], in: dir)
        #expect(run.status == 0, "\(run)")
        let trials = try #require(try JSONSerialization.jsonObject(
            with: Data(CLI.run(["trials", "tiny", "--format", "json"], in: dir).stdout.utf8)) as? [[String: Any]])
        // iris: 4 inputs, 3 classes; 4 nodes → 4·4+4 + 4·3+3 = 35 parameters, 32 nodes → 259.
        let small = trials.filter { ($0["values"] as? [Double])?[1] == 35 }
        let expected = try #require(small.max { a, b in
            let x = (a["values"] as! [Double])[0], y = (b["values"] as! [Double])[0]
            return x != y ? x < y : (a["number"] as! Int) > (b["number"] as! Int)
        })
        let saved = try CLI.run(["best", "tiny", "--pick", "parameter_count <= 100", "--save-model", "small.ckpt"], in: dir)
        #expect(saved.status == 0, "\(saved)")
        #expect(saved.stdout.hasPrefix("Model of trial #\(expected["number"] as! Int) (epoch 3) written to small.ckpt"), "\(saved)")
        let data = dir.appendingPathComponent("x.csv")
        try "f0,f1,f2,f3\n5.1,3.5,1.4,0.2\n".write(to: data, atomically: true, encoding: .utf8)
        #expect(try CLI.run(["predict", "--model", "small.ckpt", "--data", data.path], in: dir).status == 0)
    }
}
