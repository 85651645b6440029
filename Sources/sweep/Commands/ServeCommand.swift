import ArgumentParser
import Foundation
import Sweep
import SweepServe
import SweepStore
import Synchronization

/// `sweep serve`: registered models behind the Open Inference Protocol v2 REST API. Parsing and
/// printing only; the server is `InferenceServer` in SweepServe.
struct ServeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve registered models over HTTP (Open Inference Protocol v2, as MLServer, KServe and Triton).",
        discussion: """
            Endpoints: GET /v2/health/live, /v2/health/ready, /v2, /v2/models/NAME[/versions/V][/ready], \
            POST /v2/models/NAME[/versions/V]/infer, GET /metrics (Prometheus). Aliases are re-read \
            every quarter second: moving NAME@ALIAS switches the served version without dropping requests. \
            SIGTERM or Ctrl-C finishes the requests in flight, then exits 0.
            """)

    @Argument(help: "Models to serve: NAME (newest version), NAME@ALIAS or NAME@VERSION. Default: every registered model.")
    var models: [String] = []
    @Option(help: "The registry's storage: an SQLite file or a postgresql:// URL.") var storage: String
    @Option(help: "Interface to listen on (0.0.0.0 for all).") var host = "127.0.0.1"
    @Option(help: "TCP port (0: any free port, printed at start).") var port = 8080
    @Option(name: .customLong("max-body-bytes"), help: "Largest request body accepted (413 above).") var maxBodyBytes = 16 << 20
    @Option(name: .customLong("max-concurrent"), help: "Inference requests processed at once (503 above).") var maxConcurrent = 256
    @Option(name: .customLong("max-connections"), help: "Open connections at once (more wait).") var maxConnections = 1024

    func run() throws {
        try guarded {
            var options = ServeOptions()
            options.host = host
            options.port = port
            options.maxBodyBytes = maxBodyBytes
            options.maxConcurrent = maxConcurrent
            options.maxConnections = maxConnections
            try options.validate()
            let references = try models.map(ModelReference.init(parsing:))
            let registry = try StorageLocation.parse(storage, sweepName: "").openRegistry()
            let catalog = try ModelCatalog(registry: registry, models: references.isEmpty ? nil : references)
            if catalog.modelNames.isEmpty { throw ServeError.noModels(location: registry.location) }
            let server = try InferenceServer(catalog: catalog, options: options)
            let outcome = Mutex<(any Error)?>(nil)
            let finished = DispatchSemaphore(value: 0)
            let host = self.host
            Task {
                do {
                    try await server.run { port in
                        for line in catalog.summary { print("Serving \(line)") }
                        print("Listening on http://\(host):\(port) (Open Inference Protocol v2; /metrics for Prometheus)")
                    }
                } catch {
                    outcome.withLock { $0 = error }
                }
                finished.signal()
            }
            finished.wait()
            if let error = outcome.withLock({ $0 }) { throw error }
            print("Stopped.")
        }
    }
}
