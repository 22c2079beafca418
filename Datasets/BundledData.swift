import Foundation

/// The data files shipped with the planner: the food table and example request files.
public enum BundledData {
    /// `foods.csv`, the USDA-derived food table (see Datasets/README.md).
    public static var foodsCSV: URL? {
        Bundle.module.url(forResource: "foods", withExtension: "csv")
    }

    /// The folder of example request files (`requests/*.json`).
    public static var requestsFolder: URL? {
        Bundle.module.url(forResource: "requests", withExtension: nil)
    }
}
