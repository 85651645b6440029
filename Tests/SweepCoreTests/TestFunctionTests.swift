import Foundation
import SweepCore
import SweepMath
import Testing

@Suite struct TestFunctionTests {
    @Test(arguments: ["branin", "hartmann6", "ackley5", "rosenbrock4", "ackley", "rosenbrock10", "rastrigin5", "levy5", "griewank5", "rastrigin1", "levy1"])
    func minimumIsAttainedAtTheMinimizerAndNowhereLower(name: String) throws {
        let f = try #require(TestFunction.named(name))
        #expect(abs(f(f.minimizer) - f.minimum) < 1e-6)
        var rng = Xoshiro256StarStar(seed: 1)
        for _ in 0..<20_000 {
            let x = f.bounds.map { rng.nextUniform($0.lowerBound, $0.upperBound) }
            #expect(f(x) >= f.minimum - 1e-9)
        }
    }

    @Test func braninHasThreeMinimizers() {
        let f = TestFunction.branin
        for x in [[-Double.pi, 12.275], [Double.pi, 2.275], [9.42478, 2.475]] {
            #expect(abs(f(x) - f.minimum) < 1e-5)
        }
    }

    /// Literature values (Surjanovic & Bingham): the optima, and points off them with known values.
    @Test func multimodalFunctionsMatchTheLiterature() throws {
        let rastrigin = TestFunction.rastrigin(dimension: 3), levy = TestFunction.levy(dimension: 2)
        let griewank = TestFunction.griewank(dimension: 2)
        #expect(rastrigin([0, 0, 0]) == 0 && rastrigin.minimizer == [0, 0, 0])
        #expect(levy.minimizer == [1, 1] && abs(levy([1, 1])) < 1e-15)
        #expect(griewank([0, 0]) == 0 && griewank.minimizer == [0, 0])
        // Rastrigin per coordinate is x² − 10 cos 2πx + 10: k² at an integer k, 0.25 + 20 at 0.5.
        #expect(abs(rastrigin([1, -2, 0]) - 5) < 1e-12)
        #expect(abs(rastrigin([0.5, 0, 0]) - 20.25) < 1e-12)
        // Levy at the origin: w = (0.75, 0.75); sin²(0.75π) = 0.5, (−0.25)²(1 + 10 sin²(0.75π + 1)) and
        // (−0.25)²(1 + sin²(1.5π)) = 0.125.
        let s = sin(0.75 * Double.pi + 1)
        #expect(abs(levy([0, 0]) - (0.5 + 0.0625 * (1 + 10 * s * s) + 0.125)) < 1e-12)
        // Griewank at (π, 0): cos π · cos 0 = −1, so π²/4000 + 1 + 1; at (π, π√2) both cosines are −1.
        #expect(abs(griewank([Double.pi, 0]) - (Double.pi * Double.pi / 4000 + 2)) < 1e-12)
        #expect(abs(griewank([Double.pi, Double.pi * 2.0.squareRoot()]) - 3 * Double.pi * Double.pi / 4000) < 1e-12)
        #expect(TestFunction.named("levy5")?.bounds.first == -10...10)
        #expect(TestFunction.named("griewank5")?.bounds.first == -600...600)
        #expect(TestFunction.named("rastrigin5")?.bounds.first == -5.12...5.12)
    }

    @Test func namesResolve() {
        #expect(TestFunction.named("ackley5")?.dimension == 5)
        #expect(TestFunction.named("rosenbrock", dimension: 6)?.dimension == 6)
        #expect(TestFunction.named("rosenbrock1") == nil)
        #expect(TestFunction.named("nope") == nil)
        #expect(TestFunction.branin.searchSpace.dimension == 2)
    }
}
