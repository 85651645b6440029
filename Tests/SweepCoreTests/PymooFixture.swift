import SweepTestSupport

/// `Tests/Fixtures/hypervolume_pymoo.json` (made by `scripts/fixtures/hypervolume_pymoo.py`).
struct PymooFixture: Decodable {
    struct Crowding: Decodable {
        var indices: [Int]
        /// pymoo's crowding distances (sum over objectives / objective count); nil = infinity.
        var pymoo_crowding: [Double?]
    }

    struct Case: Decodable {
        var name: String
        var reference: [Double]
        var points: [[Double]]
        var hypervolume: Double
        /// moocore's default: dominated points are left out before computing contributions.
        var contributions: [Double]
        /// moocore with `ignore_dominated=False`: dominated points stay and shield others.
        var contributions_with_dominated: [Double]
        var ranks: [Int]
        var crowding: [Crowding]
    }

    var cases: [Case]

    static func load() throws -> [Case] {
        try TestPaths.loadJSON(PymooFixture.self, fixture: "hypervolume_pymoo.json").cases
    }
}
