import Foundation
import SweepTestSupport
import Testing

/// BLAS and LAPACK are opened on first use (`_SweepKernels/LazyLinearAlgebra.c`): a `sweep ask` whose
/// sampler does no linear algebra never loads OpenBLAS (whose load starts a spinning thread per core),
/// and one that does loads it and works. The dynamic loader's own trace (`LD_DEBUG=files`) says what
/// the process opened.
@Suite struct LazyLinearAlgebraCLITests {
    private func yaml(method: String) -> String {
        """
        name: lazy
        seed: 3
        method: \(method)
        parameters:
          x: {type: float, min: -2, max: 2}
          y: {type: float, min: -2, max: 2}
        budget: {trials: 40}
        """
    }

    /// Whether the process's loader trace shows BLAS being opened.
    private func loadedBLAS(_ result: CLI.Result) -> Bool {
        result.stderr.split(separator: "\n").contains { $0.contains("file=") && $0.contains("libblas") }
    }

    @Test func askWithoutLinearAlgebraNeverLoadsBLAS() throws {
        let dir = try makeTemporaryDirectory()
        try write(yaml(method: "random"), to: dir.appendingPathComponent("lazy.yaml"))
        for n in 0..<3 {
            let ask = try CLI.run(["ask", "lazy.yaml", "--json"], in: dir, environment: ["LD_DEBUG": "files"])
            #expect(ask.status == 0, "\(ask)")
            #expect(!loadedBLAS(ask), "a random-sampler ask loaded BLAS")
            let tell = try CLI.run(["tell", "lazy", "\(n)", "\(Double(n) * 0.5)"], in: dir, environment: ["LD_DEBUG": "files"])
            #expect(tell.status == 0 && !loadedBLAS(tell), "\(tell.status) \(loadedBLAS(tell))")
        }
    }

    @Test func theGaussianProcessLoadsBLASWhenItFirstNeedsIt() throws {
        let dir = try makeTemporaryDirectory()
        try write(yaml(method: "bayes"), to: dir.appendingPathComponent("lazy.yaml"))
        var loadedDuringDesign = false
        var lastAsk: CLI.Result?
        for n in 0..<12 {  // the initial design (10 Sobol points for 2 parameters), then the GP
            let ask = try CLI.run(["ask", "lazy.yaml", "--json"], in: dir, environment: ["LD_DEBUG": "files"])
            #expect(ask.status == 0, "\(ask)")
            if n < 10 { loadedDuringDesign = loadedDuringDesign || loadedBLAS(ask) }
            lastAsk = ask
            let x = Double(n % 5) * 0.3, y = Double(n % 3) * 0.4
            #expect(try CLI.run(["tell", "lazy", "\(n)", "\(x * x + y * y)"], in: dir).status == 0)
        }
        #expect(!loadedDuringDesign, "a Sobol design point loaded BLAS")
        #expect(lastAsk.map(loadedBLAS) == true, "the GP suggestion did not open BLAS")
    }
}
