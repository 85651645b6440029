import ArgumentParser
import Foundation
import Sweep
import SweepCore

struct PlanCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plan",
        abstract: "Print the bracket and rung plan of a multi-fidelity sweep (sha, hyperband, asha) before running it.")

    @Argument(help: "The sweep file (YAML).")
    var file: String

    @Flag(name: .long, help: "Print as JSON.")
    var json = false

    func run() throws {
        try guarded {
            let config = try SweepConfig.load(path: file)
            guard let plan = try SchedulePlan.of(config) else {
                throw InputError(message: "\(file): method '\(config.method.name)' has no rung plan; use sha, hyperband or asha")
            }
            if json {
                Format.printJSON(.object([
                    "method": .string(plan.method), "min_resource": .number(Double(plan.minResource)),
                    "max_resource": .number(Double(plan.maxResource)), "eta": .number(Double(plan.eta)),
                    "s_max": .number(Double(plan.sMax)), "configurations": .number(Double(plan.configurations)),
                    "steps": .number(Double(plan.steps)), "steps_without_checkpoints": .number(Double(plan.stepsWithoutCheckpoints)),
                    "brackets": .array(plan.brackets.map { b in
                        .object(["s": .number(Double(b.s)), "rungs": .array(b.rungs.map { r in
                            .object(["configurations": .number(Double(r.configurations)), "resource": .number(Double(r.resource))])
                        })])
                    }),
                ]))
                return
            }
            print("\(plan.method): resource \(plan.minResource)…\(plan.maxResource), eta \(plan.eta), s_max \(plan.sMax)")
            let header = plan.method == "asha" ? "rungs (expected configurations / resource)" : "brackets (configurations / resource per rung)"
            print(header + ":")
            for b in plan.brackets {
                let label = plan.method == "asha" ? "  asha" : "  s=\(b.s)"
                print("\(label): " + b.rungs.map(\.description).joined(separator: "  ") + "   (\(b.resourceWithCheckpoints) steps)")
            }
            print("total: \(plan.configurations) configurations, \(plan.steps) steps with checkpoint promotion "
                  + "(\(plan.stepsWithoutCheckpoints) if each rung restarted from scratch)")
        }
    }
}
