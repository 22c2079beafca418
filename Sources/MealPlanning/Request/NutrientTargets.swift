/// Who the plan is for: the inputs of the dietary reference intakes.
public struct Profile: Hashable, Sendable, Codable {
    public enum Sex: String, Sendable, Codable, CaseIterable { case female, male }
    public enum LifeStage: String, Sendable, Codable, CaseIterable { case none, pregnant, lactating }
    public enum Activity: String, Sendable, Codable, CaseIterable { case sedentary, moderate, active }

    public var sex: Sex
    public var age: Int
    public var lifeStage: LifeStage
    public var activity: Activity

    public init(sex: Sex, age: Int = 30, lifeStage: LifeStage = .none, activity: Activity = .moderate) {
        self.sex = sex
        self.age = age
        self.lifeStage = lifeStage
        self.activity = activity
    }

    public static let youngestAge = 14
    public static let oldestAge = 120

    /// Checks what the reference tables cover.
    public func validate() throws(PlanRequestError) {
        guard (Self.youngestAge ... Self.oldestAge).contains(age) else {
            throw .ageNotCovered(age)
        }
        if lifeStage != .none && sex == .male {
            throw .lifeStageOfMaleProfile(lifeStage)
        }
        if lifeStage != .none && age > 50 {
            throw .lifeStageAgeNotCovered(lifeStage)
        }
    }

    public var summary: String {
        var text = "\(sex.rawValue), \(age) y, \(activity.rawValue) activity"
        if lifeStage != .none { text += ", \(lifeStage.rawValue)" }
        return text
    }
}

/// A bound on a nutrient, per day or per meal.
public struct NutrientRule: Hashable, Sendable, Codable {
    public enum Scope: Hashable, Sendable, Codable {
        case day
        case meal(MealSlot)
        /// Over the whole plan, scaled to its length: a weekly amount of a 7-day plan, a
        /// seventh of it per day of a shorter or longer one.
        case week

        public var text: String {
            switch self {
            case .day: return "day"
            case .meal(let slot): return slot.rawValue
            case .week: return "week"
            }
        }
    }

    /// The nutrient's column key, e.g. `potassium_mg`.
    public var nutrient: String
    public var minimum: Double?
    public var maximum: Double?
    public var scope: Scope
    /// Where the numbers come from, printed with the targets.
    public var source: String

    /// The bounds over a plan of `days` days: a weekly rule's amounts times days / 7.
    public func planBounds(days: Int) -> (minimum: Double?, maximum: Double?) {
        guard scope == .week else { return (minimum, maximum) }
        let factor = Double(days) / 7
        return (minimum.map { $0 * factor }, maximum.map { $0 * factor })
    }

    public init(nutrient: String, minimum: Double? = nil, maximum: Double? = nil, scope: Scope = .day, source: String = "request") {
        self.nutrient = nutrient
        self.minimum = minimum
        self.maximum = maximum
        self.scope = scope
        self.source = source
    }
}

/// Dietary reference intakes by sex, age and life stage (sources in Datasets/README.md):
/// - potassium adequate intake and sodium chronic-disease risk reduction intake:
///   National Academies, Dietary Reference Intakes for Sodium and Potassium (2019);
/// - protein, calcium and magnesium RDAs: Institute of Medicine DRI reports (1997, 2005, 2011);
/// - energy: Dietary Guidelines for Americans 2020-2025, estimated calorie needs by age, sex and
///   physical activity; fiber 14 g per 1,000 kcal and added sugars under 10 % of energy from the
///   same guidelines.
public enum NutrientTargets {
    public static let driSource2019 = "NASEM 2019 DRI for sodium and potassium"
    public static let driSourceMacro = "IOM DRI (protein 2005, calcium 2011, magnesium 1997)"
    public static let dgaSource = "Dietary Guidelines for Americans 2020-2025"
    /// Total sugars (natural and added): the reference intake for an adult's 2,000 kcal of
    /// Regulation (EU) No 1169/2011, Annex XIII, scaled to the energy target. There is no DRI for
    /// total sugars; fruit and milk bring sugars that the added-sugar limit does not count.
    public static let totalSugarsPer2000kcal = 90.0
    public static let totalSugarsSource = "EU reference intake, Regulation 1169/2011 (90 g per 2,000 kcal)"

    /// Potassium adequate intake, mg/day.
    public static func potassiumAdequateIntake(_ profile: Profile) -> Double {
        switch profile.lifeStage {
        case .pregnant: return profile.age <= 18 ? 2600 : 2900
        case .lactating: return profile.age <= 18 ? 2500 : 2800
        case .none:
            if profile.age <= 18 { return profile.sex == .male ? 3000 : 2300 }
            return profile.sex == .male ? 3400 : 2600
        }
    }

    /// Sodium chronic-disease risk reduction intake: reduce intake above this, mg/day.
    public static func sodiumLimit(_ profile: Profile) -> Double { 2300 }

    /// Protein RDA, g/day.
    public static func proteinRDA(_ profile: Profile) -> Double {
        if profile.lifeStage != .none { return 71 }
        if profile.age <= 18 { return profile.sex == .male ? 52 : 46 }
        return profile.sex == .male ? 56 : 46
    }

    /// Calcium RDA, mg/day.
    public static func calciumRDA(_ profile: Profile) -> Double {
        if profile.age <= 18 { return 1300 }
        if profile.age <= 50 { return 1000 }
        if profile.age <= 70 { return profile.sex == .male ? 1000 : 1200 }
        return 1200
    }

    /// Magnesium RDA, mg/day.
    public static func magnesiumRDA(_ profile: Profile) -> Double {
        switch profile.lifeStage {
        case .pregnant: return profile.age <= 18 ? 400 : (profile.age <= 30 ? 350 : 360)
        case .lactating: return profile.age <= 18 ? 360 : (profile.age <= 30 ? 310 : 320)
        case .none:
            if profile.age <= 18 { return profile.sex == .male ? 410 : 360 }
            if profile.age <= 30 { return profile.sex == .male ? 400 : 310 }
            return profile.sex == .male ? 420 : 320
        }
    }

    /// Estimated energy needs, kcal/day (sedentary, moderately active, active).
    public static func energy(_ profile: Profile) -> Double {
        let column: Int
        switch profile.activity {
        case .sedentary: column = 0
        case .moderate: column = 1
        case .active: column = 2
        }
        let table = profile.sex == .female ? femaleEnergy : maleEnergy
        let row = table.last { $0.fromAge <= profile.age } ?? table[0]
        var kcal = row.kcal[column]
        // Second-trimester and first-six-months additions of the same guidelines.
        switch profile.lifeStage {
        case .pregnant: kcal += 340
        case .lactating: kcal += 330
        case .none: break
        }
        return kcal
    }

    private static let femaleEnergy: [(fromAge: Int, kcal: [Double])] = [
        (14, [1800, 2000, 2400]), (19, [2000, 2200, 2400]), (26, [1800, 2000, 2400]),
        (31, [1800, 2000, 2200]), (51, [1600, 1800, 2200]), (61, [1600, 1800, 2000]),
    ]
    private static let maleEnergy: [(fromAge: Int, kcal: [Double])] = [
        (14, [2000, 2400, 2800]), (15, [2200, 2600, 3000]), (16, [2400, 2800, 3200]),
        (19, [2600, 2800, 3000]), (21, [2400, 2800, 3000]), (26, [2400, 2600, 3000]),
        (36, [2400, 2600, 2800]), (41, [2200, 2600, 2800]), (46, [2200, 2400, 2800]),
        (56, [2200, 2400, 2600]), (61, [2000, 2400, 2600]), (66, [2000, 2200, 2600]),
        (76, [2000, 2200, 2400]),
    ]

    /// The daily rules of a profile at an energy level `kcal` (the profile's own when nil).
    ///
    /// Total sugars are capped at 10 % of energy (50 g at 2,000 kcal): the USDA table has no
    /// added-sugar values, so the guideline on added sugars is applied to all sugars, which is
    /// stricter. Energy may move 5 % around its target.
    public static func dailyRules(for profile: Profile, kcal: Double? = nil) -> [NutrientRule] {
        let energy = kcal ?? energy(profile)
        // A limit is never rounded in the direction that loosens it: minimums round up,
        // maximums down (to whole kcal, or to 0.1 g), so that a target printed is one the plan meets.
        func up(_ value: Double, _ scale: Double = 1) -> Double { (value * scale - 1e-9).rounded(.up) / scale }
        func down(_ value: Double, _ scale: Double = 1) -> Double { (value * scale + 1e-9).rounded(.down) / scale }
        return [
            NutrientRule(nutrient: Nutrient.energy.key, minimum: up(energy * 0.95), maximum: down(energy * 1.05),
                         source: kcal == nil ? dgaSource : "requested energy"),
            NutrientRule(nutrient: Nutrient.potassium.key, minimum: potassiumAdequateIntake(profile), source: driSource2019),
            NutrientRule(nutrient: Nutrient.sodium.key, maximum: sodiumLimit(profile), source: driSource2019),
            // Added sugars under 10 % of energy (4 kcal/g).
            NutrientRule(nutrient: Nutrient.addedSugars.key, maximum: down(energy * 0.10 / 4, 10),
                         source: dgaSource + " (added sugars < 10 % of energy)"),
            NutrientRule(nutrient: Nutrient.sugars.key, maximum: down(energy * totalSugarsPer2000kcal / 2000, 10),
                         source: totalSugarsSource),
            NutrientRule(nutrient: Nutrient.fiber.key, minimum: up(energy / 1000 * 14, 10), source: dgaSource + " (14 g/1,000 kcal)"),
            NutrientRule(nutrient: Nutrient.protein.key, minimum: proteinRDA(profile), source: driSourceMacro),
            NutrientRule(nutrient: Nutrient.calcium.key, minimum: calciumRDA(profile), source: driSourceMacro),
            NutrientRule(nutrient: Nutrient.magnesium.key, minimum: magnesiumRDA(profile), source: driSourceMacro),
        ]
    }
}
