import Testing
@testable import MealPlanning

/// The validator's meal rules on hand-made days: each broken rule gives its exact message.
@Suite struct MealRuleValidationTests {
    static let table = try! FoodTable.parse(text: """
        id,name,serving_g,kcal,meals,roles,family,pairs_with,max_per_carrier,min_servings
        oatmeal,Oatmeal,234,160,breakfast,breakfast-main,hot-cereal,,,
        banana,Banana,118,105,breakfast;lunch;dinner;snack,fruit,banana,,,
        sugar,Sugar,4,16,breakfast;lunch;dinner;snack,sweetener,sugar,hot-cereal;coffee,0.5,
        oil,Oil,14,124,breakfast;lunch;dinner,cooking-fat,oil,vegetable-side,0.5,
        beans,Beans,180,230,lunch;dinner,main,beans,,,
        lentils,Lentils,198,230,lunch;dinner,main,beans,,,
        rice,Rice,158,205,breakfast;lunch;dinner,starch-side,rice,,,
        kale,Kale,16,8,lunch;dinner,salad,lettuce,,,2
        carrot,Carrot,61,25,lunch;dinner;snack,vegetable-side,carrot,,,

        """, fileName: "t.csv")

    static var request: PlanRequest {
        var request = PlanRequest(profile: nil)
        request.useProfileTargets = false
        request.meals = [MealShare(slot: .breakfast, minShare: nil, maxShare: nil), MealShare(slot: .lunch, minShare: nil, maxShare: nil),
                         MealShare(slot: .dinner, minShare: nil, maxShare: nil)]
        request.days = 1
        request.mealPatterns = MealPattern.defaults
        request.familyOncePerDay = true
        request.maxSharedLunchDinner = 1
        request.maxFoodsPerMeal = nil
        request.maxDaysPerFood = nil
        request.mealGroupRules = []
        request.maxDailyGrams = nil
        return request
    }

    func item(_ id: String, _ slot: MealSlot, _ servings: Double = 1) -> PlanItem {
        PlanItem(food: Self.table.index(ofID: id)!, day: 0, slot: slot, servings: servings)
    }

    func messages(_ items: [PlanItem], _ request: PlanRequest = request) -> [String] {
        PlanValidator(table: Self.table, request: request).violations(of: items).map(\.description)
    }

    /// Breakfast oatmeal, banana and sugar; lunch beans, carrot, oil; dinner rice and kale.
    var goodDay: [PlanItem] {
        [item("oatmeal", .breakfast), item("banana", .breakfast), item("sugar", .breakfast, 0.5),
         item("beans", .lunch), item("carrot", .lunch), item("oil", .lunch, 0.5),
         item("rice", .dinner), item("kale", .dinner, 2)]
    }

    @Test func aDayThatKeepsEveryRuleHolds() {
        // Dinner has no main: the only broken rule.
        #expect(messages(goodDay) == ["day 1: dinner has 0 items of 1 main, below 1"])
        let fixed = goodDay + [item("lentils", .dinner)]
        // Lentils and beans are one family, at lunch and dinner.
        #expect(messages(fixed) == ["day 1: the beans family is at 2 meals, above 1"])
    }

    @Test func rolesPairingAndSharing() {
        var items = goodDay.filter { $0.slot != .dinner }
        items += [item("rice", .breakfast), item("oil", .breakfast), item("beans", .dinner), item("carrot", .dinner), item("kale", .dinner, 1)]
        #expect(messages(items) == [
            "day 1: oil at breakfast has nothing it goes with (vegetable-side)",
            "day 1: kale: 1 servings at dinner, below its smallest portion 2",
            "day 1: the beans family is at 2 meals, above 1",
            "day 1: the carrot family is at 2 meals, above 1",
            "day 1: beans is the main at lunch and at dinner",
            "day 1: lunch and dinner share 2 foods (beans, carrot), above 1",
        ])
    }

    @Test func tooMuchOfAnAccompanimentAndARoleTheMealDoesNotHold() {
        let items = [item("oatmeal", .breakfast), item("banana", .breakfast), item("sugar", .breakfast, 1),
                     item("beans", .lunch), item("carrot", .lunch), item("banana", .dinner), item("lentils", .dinner), item("kale", .dinner, 2)]
        var request = Self.request
        request.familyOncePerDay = false
        #expect(messages(items, request) == ["day 1: sugar: 1 servings at breakfast, above 0.5 for what it goes with"])
        var fixed = items
        fixed[2].servings = 0.5
        #expect(messages(fixed + [item("rice", .breakfast)], request).isEmpty, "rice is a starch side at breakfast")
        #expect(messages(fixed + [item("lentils", .breakfast)], request)
            == ["day 1: lentils does not suit breakfast", "day 1: lentils is served at breakfast in no role, which its pattern does not hold"])
        var withSnack = request
        withSnack.meals.append(MealShare(slot: .snack, minShare: nil, maxShare: nil))
        #expect(messages(fixed + [item("carrot", .snack), item("sugar", .snack, 0.5)], withSnack)
            == ["day 1: sugar at snack has nothing it goes with (hot-cereal, coffee)"])
    }

    @Test func twoDaysOfAWeekWithTheSameFoods() {
        let day = goodDay + [item("lentils", .dinner)]
        func on(_ items: [PlanItem], day: Int) -> [PlanItem] { items.map { var moved = $0; moved.day = day; return moved } }
        var request = Self.request
        request.days = 3
        request.familyOncePerDay = false
        request.maxSharedLunchDinner = nil
        request.maxDaysPerMain = nil
        // Day 3 holds day 1's foods in other portions: the same foods all the same.
        var third = on(day, day: 2)
        third[0].servings = 1.5
        let week = day + on(day.filter { Self.table.ids[$0.food] != "sugar" }, day: 1) + third
        #expect(messages(week, request) == ["days 1 and 3 hold the same foods"])
        request.distinctDays = false
        #expect(messages(week, request).isEmpty)
        // One day alone has nothing to differ from.
        request.distinctDays = true
        request.days = 1
        #expect(messages(day, request).isEmpty)
    }
}

