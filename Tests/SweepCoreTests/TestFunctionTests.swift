import SweepCore
import SweepMath
import Testing

@Suite struct TestFunctionTests {
    @Test(arguments: ["branin", "hartmann6", "ackley5", "rosenbrock4", "ackley", "rosenbrock10"])
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

    @Test func namesResolve() {
        #expect(TestFunction.named("ackley5")?.dimension == 5)
        #expect(TestFunction.named("rosenbrock", dimension: 6)?.dimension == 6)
        #expect(TestFunction.named("rosenbrock1") == nil)
        #expect(TestFunction.named("nope") == nil)
        #expect(TestFunction.branin.searchSpace.dimension == 2)
    }
}
