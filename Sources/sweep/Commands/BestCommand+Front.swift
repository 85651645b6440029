import Foundation
import Sweep
import SweepCore

extension BestCommand {
    /// `sweep best` for sweeps with several metrics, and `--pick` for any sweep: the front as a table
    /// (or a JSON array), or the one picked trial; `--save-model` saves the picked trial's model, or
    /// without `--pick` the best trial's by the first metric.
    func runFront(_ located: SweepLocator, _ view: ParetoView) throws {
        if !picks.isEmpty {
            let trial = try view.pick(picks)
            if let saveModel {
                let (_, epoch) = try located.saveModel(of: trial, to: saveModel)
                if !json { print("Model of trial #\(trial.number) (epoch \(epoch)) written to \(saveModel)") }
            }
            if json { Format.printJSON(trial.jsonValue); return }
            print("Picked trial #\(trial.number) (" + picks.joined(separator: ", ") + "; best " + view.metrics[0] + "): "
                  + Self.values(trial, view).joined(separator: ", "))
            for (k, p) in trial.params.sorted(by: { $0.key < $1.key }) { print("  \(k): \(p)") }
            return
        }
        if let saveModel {
            let (trial, epoch) = try located.saveBestModel(to: saveModel)
            if !json { print("Model of trial #\(trial.number) (best \(view.metrics[0]), epoch \(epoch)) written to \(saveModel)") }
        }
        let front = view.front()
        if json { Format.printJSON(.array(front.map(\.jsonValue))); return }
        guard !front.isEmpty else {
            throw InputError(message: "sweep '\(located.record.name)' has no complete feasible trial yet")
        }
        let goals = zip(view.metrics, view.directions).map { "\($0) (\($1.rawValue))" }.joined(separator: ", ")
        print("Pareto front of '\(located.record.name)': \(front.count) feasible non-dominated trial(s) of "
              + "\(view.trials.count), best \(view.metrics[0]) first; metrics \(goals)")
        let params = Format.parameterNames(front, space: try? located.config().space)
        let header = ["#"] + view.metrics + params
        let rows = front.map { t in
            ["\(t.number)"] + Self.values(t, view, named: false) + params.map { Format.param(t.params[$0]) }
        }
        print(Format.table(header, rows, rightAlign: Set(0...view.metrics.count)))
        let k = 1 % view.metrics.count
        print("Pick one: sweep best \(located.record.name) --pick \"\(view.metrics[k]) \(view.directions[k] == .minimize ? "<=" : ">=") NUMBER\" [--save-model FILE]")
    }

    /// The trial's objective values ("val_accuracy 0.97"), in metric order.
    static func values(_ t: Trial, _ view: ParetoView, named: Bool = true) -> [String] {
        let values = t.values ?? t.value.map { [$0] } ?? []
        return view.metrics.indices.map { k in
            let v = k < values.count ? Format.value(values[k]) : "-"
            return named ? "\(view.metrics[k]) \(v)" : v
        }
    }
}
