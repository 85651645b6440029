import Testing
@testable import SweepNN

@Suite struct CSVLoaderTests {
    func load(_ text: String, target: String? = nil, task: TaskKind? = nil) throws -> Dataset {
        try Dataset(csv: text, source: "t.csv", targetColumn: target, task: task)
    }

    @Test func readsFeaturesAndClassLabels() throws {
        let d = try load("a,b,target\n1,2,x\n3,4.5,y\n\n5,6,x\n")
        #expect(d.featureNames == ["a", "b"])
        #expect(d.features == [1, 2, 3, 4.5, 5, 6])
        #expect(d.target == .classes(indices: [0, 1, 0], names: ["x", "y"]))
        #expect(d.task == .classification)
    }

    @Test func targetByNameAnywhereAndQuotedCells() throws {
        let d = try load("label,\"f,1\",f2\r\n\"1\",0.5, 7 \r\n2,1.5,8\r\n", target: "label", task: .regression)
        #expect(d.featureNames == ["f,1", "f2"])
        #expect(d.features == [0.5, 7, 1.5, 8])
        #expect(d.target == .values([1, 2]))
    }

    @Test func infersRegressionForManyDistinctValues() throws {
        let rows = (0..<40).map { "\($0),\($0 * 3 + 1)" }.joined(separator: "\n")
        #expect(try load("x,y\n" + rows).task == .regression)
        let labels = (0..<40).map { "\($0),\($0 % 3)" }.joined(separator: "\n")
        #expect(try load("x,y\n" + labels).task == .classification)
        #expect(try load("x,y\n" + labels).classCount == 3)
    }

    @Test func numericLabelsSortNumerically() throws {
        let d = try load("x,target\n1,10\n2,9\n3,10\n4,2\n5,9\n6,2\n7,2\n8,10\n9,9\n10,2\n11,9\n12,10\n13,2\n14,9\n15,10\n16,2\n17,9\n18,10\n19,2\n20,9\n")
        guard case let .classes(_, names) = d.target else { Issue.record("not classification"); return }
        #expect(names == ["2", "9", "10"])
    }

    @Test func errorsNameLineAndColumn() {
        #expect(throws: DatasetError.raggedRow(source: "t.csv", line: 3, expected: 3, found: 2)) {
            try load("a,b,target\n1,2,0\n3,4\n")
        }
        #expect(throws: DatasetError.nonNumeric(source: "t.csv", line: 3, column: "b", value: "abc")) {
            try load("a,b,target\n1,2,0\n3,abc,1\n")
        }
        #expect(throws: DatasetError.nonNumeric(source: "t.csv", line: 2, column: "a", value: "")) {
            try load("a,b,target\n,2,0\n3,4,1\n")
        }
        #expect(throws: DatasetError.nonFinite(source: "t.csv", line: 4, column: "a", value: "nan")) {
            try load("a,b,target\n1,2,0\n3,4,1\nnan,4,1\n")
        }
        #expect(throws: DatasetError.nonFinite(source: "t.csv", line: 2, column: "b", value: "inf")) {
            try load("a,b,target\n1,inf,0\n3,4,1\n")
        }
        #expect(throws: DatasetError.nonFinite(source: "t.csv", line: 3, column: "a", value: "1e39")) {
            try load("a,b,target\n1,2,0\n1e39,4,1\n")
        }
        #expect(throws: DatasetError.empty(source: "t.csv")) { try load("") }
        #expect(throws: DatasetError.empty(source: "t.csv")) { try load("\n\n") }
        #expect(throws: DatasetError.noDataRows(source: "t.csv")) { try load("a,b,target\n") }
        #expect(throws: DatasetError.singleClass(source: "t.csv", column: "target", label: "1")) {
            try load("a,target\n1,1\n2,1\n3,1\n")
        }
        #expect(throws: DatasetError.missingTargetColumn(source: "t.csv", column: "y", available: ["a", "b"])) {
            try load("a,b\n1,2\n", target: "y")
        }
        #expect(throws: DatasetError.duplicateColumn(source: "t.csv", column: "a")) { try load("a,a,target\n1,2,0\n") }
        #expect(throws: DatasetError.unterminatedQuote(source: "t.csv", line: 3)) { try load("a,target\n1,0\n\"2,1\n") }
        #expect(throws: DatasetError.noFeatures(source: "t.csv")) { try load("target\n1\n2\n") }
    }

    @Test func messagesAreActionable() {
        let e = DatasetError.nonNumeric(source: "data/x.csv", line: 12, column: "f3", value: "n/a")
        #expect(e.description == "data/x.csv: line 12, column 'f3': 'n/a' is not a number; features must be numeric")
        let r = DatasetError.raggedRow(source: "x.csv", line: 4, expected: 5, found: 3)
        #expect(r.description.contains("line 4") && r.description.contains("5 columns"))
    }

    @Test func missingFileIsReported() {
        #expect(throws: DatasetError.unreadable(source: "/nonexistent/x.csv", reason: "no such file")) {
            try Dataset.loadCSV(path: "/nonexistent/x.csv")
        }
    }
}
