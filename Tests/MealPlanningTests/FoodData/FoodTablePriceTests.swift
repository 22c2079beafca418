import Foundation
import Testing
@testable import MealPlanning

@Suite("Price lists")
struct FoodTablePriceTests {
    @Test func readsAPriceList() throws {
        let prices = try FoodTable.loadPriceOverrides(contentsOf: FoodTableFixtures.url("prices.csv"))
        #expect(prices == ["banana": 0.3, "yogurt-plain": 1.25])
    }

    @Test func replacesThePricesOfTheNamedFoods() throws {
        var table = try FoodTableFixtures.load("valid.csv")
        try table.applyPriceOverrides(contentsOf: FoodTableFixtures.url("prices.csv"))
        #expect(table.price(food: 0) == 0.3)
        #expect(table.price(food: 1) == 0.4)
        #expect(table.price(food: 2) == 1.25)
    }

    @Test(arguments: [
        ("prices_unknown_id.csv", "prices_unknown_id.csv:3:1: unknown food id 'mango'"),
        ("prices_missing.csv", "prices_missing.csv:2:8: price_usd: missing price"),
        ("prices_duplicate.csv", "prices_duplicate.csv:3:1: duplicate id 'banana' (first on line 2)"),
        ("empty.csv", "empty.csv:1:1: the file is empty"),
        ("reordered.csv", "reordered.csv:1:1: missing required column 'price_usd'"),
        ("negative.csv", "negative.csv:1:1: missing required column 'price_usd'"),
    ])
    func rejectsABadPriceList(file: String, description: String) throws {
        var table = try FoodTableFixtures.load("valid.csv")
        do {
            try table.applyPriceOverrides(contentsOf: FoodTableFixtures.url(file))
            Issue.record("expected \(description)")
        } catch {
            #expect(error.description == description)
        }
        #expect(table.price(food: 0) == 0.25)
    }

    @Test(arguments: [
        ("id,price_usd\nbanana,abc\n", "memory.csv:2:8: price_usd: 'abc' is not a number"),
        ("id,price_usd\nbanana,-1\n", "memory.csv:2:8: price_usd: -1 is negative"),
        ("id,price_usd\nbanana,inf\n", "memory.csv:2:8: price_usd: 'inf' is not a finite number"),
        ("id,price_usd\nban ana,1\n",
         "memory.csv:2:1: id: 'ban ana' is not a valid id (expected [A-Za-z0-9][A-Za-z0-9._-]*, at most 64 characters)"),
        ("id,price_usd\nbanana\n", "memory.csv:2:1: expected 2 fields, found 1"),
        ("id,price_usd,id\n", "memory.csv:1:14: duplicate column 'id' (first is field 1)"),
    ])
    func rejectsABadPriceText(text: String, description: String) {
        do {
            _ = try FoodTable.parsePriceOverrides(Array(text.utf8), fileName: "memory.csv")
            Issue.record("expected \(description)")
        } catch {
            #expect(error.description == description)
        }
    }

    /// A price is placed at its own line, also when a field before it holds a line break: the
    /// errors of reading the list and of applying it to a table name the same place.
    @Test func aPriceIsPlacedAtItsOwnLine() throws {
        let header = "id,note,price_usd\nbanana,\"two\nlines\","
        do {
            _ = try FoodTable.parsePriceOverrides(Array((header + "abc\n").utf8), fileName: "memory.csv")
            Issue.record("expected an error")
        } catch {
            #expect(error.description == "memory.csv:3:8: price_usd: 'abc' is not a number")
        }
        var table = try FoodTableFixtures.load("valid.csv")
        do {
            try table.applyPriceOverrides(Array((header + "1000000\n").utf8), fileName: "memory.csv")
            Issue.record("expected an error")
        } catch {
            #expect(error.description.hasPrefix("memory.csv:3:8: price_usd: "), "\(error)")
        }
    }

    @Test func acceptsAnEmptyPriceList() throws {
        #expect(try FoodTable.parsePriceOverrides(Array("id,price_usd\n".utf8), fileName: "memory.csv") == [:])
    }
}
