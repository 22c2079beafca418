/// A setting of a request, as an error about two settings that contradict each other names
/// it: by its key in a request file, or by the flag that set it (``RequestNaming``).
public enum RequestSetting: Hashable, Sendable {
    /// Indices into ``PlanRequest/meals``, ``PlanRequest/nutrientRules`` and ``PlanRequest/mealGroupRules``.
    case mealMinShare(Int), mealMaxShare(Int)
    case nutrientMinimum(Int), nutrientMaximum(Int)
    case mealGroupMinimum(Int), mealGroupMaximum(Int)
    case portionStep, maxServingsPerMeal, minServingsPerUse, maxServingsPerDay, maxServingsPerWeek
    case minFoodsPerMeal, maxFoodsPerMeal, maxDaysPerFood
    /// An entry of a list, by its value.
    case includeFood(String), excludeFood(String), excludeGroup(String), favoriteFood(String)
    case diet(Diet), excludeAllergen(Allergen)
    /// Settings a message names as the way to give something: `energy` or `--kcal`.
    case energyTarget, lifeStage(Profile.LifeStage)

    /// The key (path) of the setting in a request file: `portions.maxServingsPerMeal`,
    /// `nutrients[0].max`, `includeFoods`.
    public var key: String {
        switch self {
        case .mealMinShare(let index): return "meals[\(index)].minShare"
        case .mealMaxShare(let index): return "meals[\(index)].maxShare"
        case .nutrientMinimum(let index): return "nutrients[\(index)].min"
        case .nutrientMaximum(let index): return "nutrients[\(index)].max"
        case .mealGroupMinimum(let index): return "variety.mealGroups[\(index)].minServings"
        case .mealGroupMaximum(let index): return "variety.mealGroups[\(index)].maxServings"
        case .portionStep: return "portions.step"
        case .maxServingsPerMeal: return "portions.maxServingsPerMeal"
        case .minServingsPerUse: return "portions.minServingsPerUse"
        case .maxServingsPerDay: return "portions.maxServingsPerDay"
        case .maxServingsPerWeek: return "portions.maxServingsPerWeek"
        case .minFoodsPerMeal: return "variety.minFoodsPerMeal"
        case .maxFoodsPerMeal: return "variety.maxFoodsPerMeal"
        case .maxDaysPerFood: return "variety.maxDaysPerFood"
        case .includeFood: return "includeFoods"
        case .excludeFood: return "excludeFoods"
        case .excludeGroup: return "excludeGroups"
        case .favoriteFood: return "favoriteFoods"
        case .diet: return "diets"
        case .excludeAllergen: return "excludeAllergens"
        case .energyTarget: return "energy"
        case .lifeStage: return "profile.lifeStage"
        }
    }

    /// The value of a list entry, shown after its name.
    public var listValue: String? {
        switch self {
        case .includeFood(let id), .excludeFood(let id), .excludeGroup(let id), .favoriteFood(let id): return id
        case .diet(let diet): return diet.rawValue
        case .excludeAllergen(let allergen): return allergen.rawValue
        default: return nil
        }
    }
}

/// How messages name a setting of the request (``RequestSetting``): where its value comes from.
public struct RequestNaming: Sendable {
    /// `portions.maxServingsPerMeal`, `--max-servings-per-meal`, `default`: for a list entry,
    /// the list (`includeFoods`, `--include-food`), which the message follows with the value.
    public var source: @Sendable (RequestSetting) -> String
    /// Whether the setting was given on the command line (its error is then a usage error).
    public var isFlag: @Sendable (RequestSetting) -> Bool

    public init(source: @escaping @Sendable (RequestSetting) -> String, isFlag: @escaping @Sendable (RequestSetting) -> Bool = { _ in false }) {
        self.source = source
        self.isFlag = isFlag
    }

    /// By request-file keys: the naming of a request file (and of a batch line).
    public static let keys = RequestNaming(source: { $0.key })

    /// `minimum servings per use 3 (portions.minServingsPerUse)`, or for a list entry
    /// `includeFoods 'lentils'`.
    func text(_ setting: RequestSetting, _ noun: String, _ value: Double) -> String {
        "\(noun) \(value.cleanText) (\(source(setting)))"
    }

    func entry(_ setting: RequestSetting) -> String {
        "\(source(setting)) '\(setting.listValue ?? "")'"
    }
}
