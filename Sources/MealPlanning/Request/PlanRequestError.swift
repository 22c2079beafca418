/// Why a plan request cannot be planned: a value outside its range, two settings that cannot
/// both hold, a name the food table does not know, or a request file that cannot be read.
///
/// Each case carries its values. ``description`` names the settings by their request-file keys;
/// the command line names them by the flags that set them (``message(naming:)``).
public enum PlanRequestError: Error, Equatable, Sendable, CustomStringConvertible {
    // A value of the request out of its range.
    /// `energy target 20 is not in 500...10000`.
    case outOfRange(quantity: String, value: Double, range: ClosedRange<Double>)
    /// `days 0 is not in 1...28`.
    case countOutOfRange(quantity: String, value: Int, range: ClosedRange<Int>)
    /// A nonzero amount below ``FoodValueRange/smallestAmount``.
    case belowSmallestAmount(quantity: String, value: Double)
    case unsupportedPortionStep(Double)
    case noMeals
    case mealListedTwice(MealSlot)
    /// Meal energy shares without an energy target to take them of.
    case mealSharesWithoutEnergyTarget
    /// An empty entry of a list of names (the list's key).
    case emptyName(list: String)
    case mealRuleWithoutGroups(rule: String)
    case invalidMealRuleName(String)
    case duplicateMealRuleName(first: String, second: String)
    case objectiveWeightTooLarge(PlanObjective.Kind, weight: Double)
    case objectiveWeightTooSmall(PlanObjective.Kind, weight: Double)
    case noObjectiveWeights
    /// Column generation asked for, with a rule that counts foods.
    case columnGenerationNotApplicable

    // The profile.
    case ageNotCovered(Int)
    case lifeStageOfMaleProfile(Profile.LifeStage)
    case lifeStageAgeNotCovered(Profile.LifeStage)

    /// Two or more settings that cannot all hold.
    case contradiction(RequestContradiction)
    /// A name the food table does not know, or an included food another setting leaves out.
    case conflict(RequestConflict)

    // The request file (or batch line); `file` is its name, with `:LINE` for a batch line.
    case fileTooLarge(file: String, bytes: Int, limit: Int, isFile: Bool)
    case fileUnreadable(path: String)
    /// A trailing comma, a key given twice, or JSON that is not JSON, at `file:line:column`.
    case syntax(file: String, line: Int, column: Int, message: String)
    /// What Foundation's parser says is not JSON.
    case notJSON(file: String, detail: String)
    case notAnObject(file: String)
    /// A key of the file: unknown, of a wrong type, or with a value that is not one of its own.
    case badValue(file: String, path: String, problem: String)
    /// A request file whose values are each fine but break a rule of the request as a whole.
    indirect case inFile(file: String, PlanRequestError)

    public var description: String { message(naming: .keys) }

    /// The message, naming each setting as `naming` says (request-file keys, or flags).
    public func message(naming: RequestNaming) -> String {
        switch self {
        case .outOfRange(let quantity, let value, let range):
            return "\(quantity) \(value.cleanText) is not in \(range.lowerBound.cleanText)...\(range.upperBound.cleanText)"
        case .noMeals: return "the request has no meals"
        case .countOutOfRange(let quantity, let value, let range):
            return "\(quantity) \(value) is not in \(range.lowerBound)...\(range.upperBound)"
        case .mealListedTwice(let slot): return "meal \(slot.rawValue) is listed twice"
        case .belowSmallestAmount(let quantity, let value):
            return "\(quantity) \(value.cleanText) is below 0.000001, the smallest nonzero amount (give 0 for none)"
        case .unsupportedPortionStep(let step): return "portion step \(step) must be 0.25, 0.5 or 1 serving"
        case .mealSharesWithoutEnergyTarget:
            return "meal energy shares need an energy target (\(naming.source(.energyTarget)) or a profile)"
        case .emptyName(let list): return "\(list): an empty name"
        case .mealRuleWithoutGroups(let rule): return "meal rule '\(rule)' names no food group"
        case .invalidMealRuleName(let name):
            return "meal rule name '\(name.prefix(64))' must be 1 to 64 characters without control characters"
        case .duplicateMealRuleName(let first, let second): return "meal rules '\(first)' and '\(second)' have the same name"
        case .objectiveWeightTooLarge(let kind, let weight):
            return "objective weight \(weight) of \(kind.rawValue) is not a finite number up to 1e6"
        case .objectiveWeightTooSmall(let kind, let weight):
            return "objective weight \(weight.cleanText) of \(kind.rawValue) is below 0.000001, the smallest nonzero weight (give 0 for none)"
        case .noObjectiveWeights: return "the weighted objective has no weights"
        case .columnGenerationNotApplicable:
            return "column generation needs a request without rules that count foods (foods per meal or day or week, "
                + "days per food or per main dish, favourites, potassium foods, a minimum portion above one step, meal patterns)"
        case .ageNotCovered(let age):
            return "age \(age) is outside the \(Profile.youngestAge)-\(Profile.oldestAge) years the reference intakes here cover"
        case .lifeStageOfMaleProfile(let stage):
            let setting = RequestSetting.lifeStage(stage)
            let source = naming.isFlag(setting) ? naming.source(setting) : "\(naming.source(setting)) '\(stage.rawValue)'"
            return "\(source) applies to the female profile only"
        case .lifeStageAgeNotCovered(let stage): return "the reference intakes for \(stage.rawValue) women cover ages 14-50"
        case .contradiction(let contradiction): return contradiction.message(naming: naming)
        case .conflict(let conflict): return conflict.message(naming: naming)
        case .fileTooLarge(let file, let bytes, let limit, let isFile):
            return "\(file): \(bytes) bytes; a request\(isFile ? " file" : "") has at most \(limit) (a request is a few kilobytes)"
        case .fileUnreadable(let path): return "\(path): cannot read the request file"
        case .syntax(let file, let line, let column, let message): return "\(file):\(line):\(column): \(message)"
        case .notJSON(let file, let detail): return PlanRequestCoding.oneLine("\(file): not valid JSON (\(detail))")
        case .notAnObject(let file): return "\(file): the request must be a JSON object"
        case .badValue(let file, let path, let problem): return PlanRequestCoding.oneLine("\(file): \(path): \(problem)")
        case .inFile(let file, let error): return PlanRequestCoding.oneLine("\(file): \(error.message(naming: naming))")
        }
    }
}
