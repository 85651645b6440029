import SweepCore
import Testing

@Suite struct ConstraintSpecTests {
    @Test func parsesEveryRelationAndNumberForm() throws {
        let cases: [(String, String, ConstraintSpec.Relation, Double)] = [
            ("latency_us <= 50", "latency_us", .lessOrEqual, 50),
            ("latency_us<50", "latency_us", .less, 50),
            ("  val_accuracy >= 0.9 ", "val_accuracy", .greaterOrEqual, 0.9),
            ("parameter_count > -1e5", "parameter_count", .greater, -1e5),
            ("cost.model_bytes <= 2.5E-3", "cost.model_bytes", .lessOrEqual, 2.5e-3),
            ("_x <= +7", "_x", .lessOrEqual, 7),
        ]
        for (text, metric, relation, bound) in cases {
            let c = try ConstraintSpec(parsing: text)
            #expect(c.metric == metric, "\(text)")
            #expect(c.relation == relation, "\(text)")
            #expect(c.bound == bound, "\(text)")
        }
    }

    @Test func violationIsNonPositiveExactlyWhenSatisfied() throws {
        let upper = try ConstraintSpec(parsing: "latency_us <= 50")
        #expect(upper.violation(value: 40) == -10)
        #expect(upper.violation(value: 50) == 0)
        #expect(upper.violation(value: 62.5) == 12.5)
        let lower = try ConstraintSpec(parsing: "val_accuracy >= 0.9")
        #expect(lower.violation(value: 0.95) < 0)
        #expect(lower.violation(value: 0.5) > 0)
        #expect(lower.violation(value: .nan) == .infinity)
        #expect(upper.violation(of: ["latency_us": 10]) == -40)
        #expect(upper.violation(of: ["other": 10]) == nil)
        #expect(try ConstraintSpec.violations([upper, lower], metrics: ["latency_us": 60, "val_accuracy": 1]) == [10, 0.9 - 1])
    }

    @Test func aMissingValueNamesTheConstraint() throws {
        let c = try ConstraintSpec(parsing: "latency_us <= 50")
        #expect(throws: ConstraintSpecError.missingValue(constraint: "latency_us <= 50")) {
            try ConstraintSpec.violations([c], metrics: [:])
        }
        #expect("\(ConstraintSpecError.missingValue(constraint: "latency_us <= 50"))".contains("'latency_us'"))
    }

    @Test func refusesMalformedTextNamingIt() {
        let cases: [(String, ConstraintSpecError)] = [
            ("latency_us = 50", .noComparison(text: "latency_us = 50")),
            ("<= 50", .missingMetric(text: "<= 50")),
            ("9lives <= 50", .badMetricName(text: "9lives <= 50", name: "9lives")),
            ("latency us <= 50", .badMetricName(text: "latency us <= 50", name: "latency us")),
            ("latency_us <= fast", .notANumber(text: "latency_us <= fast", bound: "fast")),
            ("latency_us <= inf", .notANumber(text: "latency_us <= inf", bound: "inf")),
            ("latency_us <= nan", .notANumber(text: "latency_us <= nan", bound: "nan")),
            ("latency_us <= ", .notANumber(text: "latency_us <= ", bound: "")),
            ("latency_us <= 1e999", .notANumber(text: "latency_us <= 1e999", bound: "1e999")),
        ]
        for (text, expected) in cases {
            #expect(throws: expected, "\(text)") { try ConstraintSpec(parsing: text) }
            #expect("\(expected)".contains(text))
        }
    }

    @Test func describesInNormalForm() throws {
        #expect(try ConstraintSpec(parsing: "latency_us<=50.0").description == "latency_us <= 50")
        #expect(try ConstraintSpec(parsing: "x > 0.25").description == "x > 0.25")
    }

    @Test func aStoredTrialBecomesAMultiObjectiveView() {
        let t = Trial(number: 3, state: .complete, value: 1, values: [1, 2],
                      attributes: [ProbabilityOfFeasibility.constraintsKey: .array([.number(-1), .number(0.5)])])
        let view = MultiObjectiveTrial(t)
        #expect(view.values == [1, 2])
        #expect(view.constraints == [-1, 0.5])
        let single = MultiObjectiveTrial(Trial(number: 0, state: .complete, value: 4))
        #expect(single.values == [4] && single.constraints == nil)
    }
}
