import Foundation
import Testing

@testable import MealPlanning

/// Absurd input sizes end in an error that names the limit, before they cost memory.
@Suite("input limits")
struct InputLimitTests {
    @Test func aHugeFieldIsAnError() {
        let name = String(repeating: "a", count: 70_000)
        let csv = "id,name,meals\nx,\(name),lunch\n"
        #expect(throws: FoodTableError.self) { try FoodTable.parse(text: csv, fileName: "t.csv") }
        do {
            _ = try FoodTable.parse(text: csv, fileName: "t.csv")
        } catch {
            #expect(error.description == "t.csv:2:3: a field longer than 65536 bytes")
        }
    }

    @Test func aQuotedHugeFieldIsAnError() {
        let csv = "id,name,meals\nx,\"\(String(repeating: "b", count: 65_537))\",lunch\n"
        do {
            _ = try FoodTable.parse(text: csv, fileName: "t.csv")
            Issue.record("expected an error")
        } catch {
            #expect(error.description == "t.csv:2:3: a field longer than 65536 bytes")
        }
    }

    @Test func aMillionColumnsIsAnError() {
        let header = (0 ..< 1_000_000).map { "c\($0)" }.joined(separator: ",")
        let clock = ContinuousClock()
        let start = clock.now
        do {
            _ = try FoodTable.parse(text: "id,name,meals," + header + "\n", fileName: "wide.csv")
            Issue.record("expected an error")
        } catch {
            // The 1,001st field: "id,name,meals," is 14 bytes, then c0 ... c996 before it.
            let column = 15 + (0 ..< 997).reduce(0) { $0 + "c\($1),".utf8.count }
            #expect(error.description == "wide.csv:1:\(column): more than 1000 fields in a record")
        }
        #expect(clock.now - start < .seconds(5))
    }

    @Test func aFieldAtTheLimitIsRead() throws {
        let name = String(repeating: "n", count: 65_536)
        let table = try FoodTable.parse(text: "id,name,meals\nx,\(name),lunch\n", fileName: "t.csv")
        #expect(table.names == [name])
    }

    @Test func aHugeRequestIsAnError() throws {
        let padding = String(repeating: " ", count: 1 << 20)
        let data = Data(("{\"days\": 7}" + padding).utf8)
        #expect(throws: PlanRequestError.fileTooLarge(file: "r.json", bytes: 1048587, limit: 1048576, isFile: false)) {
            try PlanRequestCoding.decode(data, fileName: "r.json")
        }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("limits-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let url = folder.appendingPathComponent("big.json")
        try data.write(to: url)
        let error = #expect(throws: PlanRequestError.fileTooLarge(file: url.path, bytes: 1048587, limit: 1048576, isFile: true)) {
            try PlanRequestCoding.load(contentsOf: url)
        }
        #expect(error?.description == "\(url.path): 1048587 bytes; a request file has at most 1048576 (a request is a few kilobytes)")
    }
}
