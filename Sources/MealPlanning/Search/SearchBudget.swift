/// Every budget, time share and tolerance of the weekly search, in one place. Node and round
/// budgets make the search deterministic (same request, same plan) at a fixed effort; the time
/// shares only matter when a time limit cuts a search short.
public struct SearchBudget: Sendable {
    /// Nodes of each one-day MIP of the greedy week: a first week at once, not the best one.
    public var greedyNodes = 300
    /// Nodes of each pricing MIP: a better day is enough to improve the master.
    public var pricingNodes = 200
    /// Pricing rounds per unit of effort: the default plan converges within about 20.
    public var maxRounds = 30
    /// A day of structured meals costs several times as much to price, and its rounds improve
    /// the week less: fewer rounds and one full pricing per unit of effort beyond the first.
    /// At the default effort the greedy week and the integer master give the plan: measured on
    /// nine profiles and objectives, the rounds of effort 1 (8 and a full pricing) changed no
    /// plan and no bound, at four to six times the time. A pool that cannot form a week still
    /// gets up to `structuredRounds` rounds to find the days it lacks.
    public var structuredRounds = 8
    public var structuredFullPricings = 1
    /// Pricing needs a better day, not the best one: its MIPs stop within 1 % of their bound.
    public var pricingGap = 0.01
    /// A pricing day over every food that could beat a known pattern must prove it: within 0.01 %.
    public var provingGap = 1e-4
    /// Nodes of the integer master: it is small and gives the plan.
    public var masterNodes = 20_000
    /// The integer master is solved to (near) optimality over the patterns it has.
    public var masterGap = 1e-6
    /// Nodes of the bound pass (the last pricing day over all foods), per unit of bound-pass effort.
    public var boundNodes = 300
    /// Nodes of a one-day MIP that is the whole plan (or a hard greedy day's second try).
    public var singleDayNodes = 5_000
    /// The same for a day of structured meals (each node costs several times as much).
    public var structuredSingleDayNodes = 800
    /// Effort multiplies the rounds; the node budget of each day MIP grows with it only up to
    /// this multiple, so that a large effort under a time limit spends its time on more rounds.
    public var nodeEffortCap = 2
    /// Pricing problems over all foods per unit of effort, when the nearest foods give no pattern.
    public var fullPricings = 2
    /// Foods beyond an LP's support tried in a restricted pricing day, widest last (then all).
    public var restrictedDayExtras = [24, 64]
    /// With meal patterns, a second greedy week is planned at the same time (on the second
    /// core) whose first restricted days hold this many foods beyond each LP's support; the
    /// integer master chooses among both weeks' days, so the plan is never dearer than the
    /// first week alone. On nine profiles and objectives it was up to 3.6 % cheaper (male
    /// $36.69 to $35.37) and never dearer. Nil: one greedy week.
    public var secondGreedyWeekExtras: Int? = 12
    /// In a day with meal patterns, the nearest foods of each role that join a restricted day
    /// (so that it has a candidate for every part of its meals).
    public var foodsPerRole = 6
    /// What a greedy day gains for a kind of the potassium foods the week still lacks, as a
    /// share of a day's objective: enough to take a kind that costs the day little.
    public var potassiumKindReward = 0.05
    /// Each greedy day holds its share of the weekly amounts still needed (a day that cannot is
    /// planned without it, or with meal patterns holds it softly, and the week's repair and the
    /// pricing rounds make up the week).
    public var greedyWeeklyShares = true
    /// What a greedy day of meals pays when it holds none of a share it cannot hold in full, in
    /// days' objective (``PatternGeneration/greedyDayWithShares(_:apartFrom:)``): far above what a share
    /// costs a day that can hold it.
    public var weeklyShareShortfallCost = 10.0
    /// A day planned in place of one of a week's (greedy, repaired or improved) that repeats
    /// another day's foods is planned again without its costliest food at most this many times
    /// (``PatternGeneration/solveDay(_:nodes:proving:nodesFromStart:searchPastStart:apartFrom:)``).
    public var distinctDayTries = 3
    /// A structured day's dive: at most this many LPs, then a MIP of this many nodes to make
    /// the chosen foods' portions whole.
    public var diveSteps = 120
    public var diveNodes = 200
    /// A dive whose chosen foods make no whole day, after its backtracks, opens one meal at a
    /// time to every food (a MIP of this many nodes each; 0: no repair).
    public var diveRepairNodes = 60
    /// Choices a dive may undo before it gives up.
    public var diveBacktracks = 40
    /// Nodes of a structured day MIP that starts from a dive or a known pattern.
    public var nodesFromStart = 60
    /// The same for a greedy day, per unit of effort beyond the first: at the default effort
    /// its dive's day is the answer. On seven profiles and objectives (49 greedy days) 60 nodes
    /// from the dive's day never found a better day, at about 40 % of the greedy week's time.
    public var greedyNodesFromStart = 60

    /// The phases share the time limit so that a search with a large effort still ends with a
    /// plan: the greedy week takes at most this share of the time left when it starts (each day
    /// its part) ...
    public var greedyTimeShare = 0.3
    /// ... pricing rounds run until this share of the limit ...
    public var pricingTimeShare = 0.75
    /// ... the bound pass until this share, and the integer master has the rest.
    public var boundTimeShare = 0.85
    /// Seconds a phase must have left to start another pricing round, a full pricing or a
    /// restricted day MIP: less would end at the time limit without an answer.
    public var roundTimeFloor = 0.1
    public var fullPricingTimeFloor = 0.2
    public var dayMIPTimeFloor = 0.02
    /// The shortest time limit handed to GLPK (it treats 0 as no limit).
    public var solveTimeFloor = 0.05
    /// The integer master's shortest time limit: it gives the plan even when time is up.
    public var masterTimeFloor = 0.2

    /// The weekly LP bound is computed up to this many usable foods times days (at most about
    /// 120,000 columns; a few hundredths of a second for the bundled table's week).
    public var weeklyLPFoodDays = 30_000
    /// Above this many usable foods, a request that column generation can price is planned
    /// over the foods its LP selects.
    public var largeTable = 3_000
    /// Most foods in the integer week of a large table.
    public var fixingCap = 8_000
    /// Rounds of reduced-cost fixing for a large table's integer week.
    public var fixingRounds = 3
    /// A search of fewer than this many times `fixingCap` foods that could improve the plan is
    /// worth trying; a small part of a larger set seldom improves it and proves nothing.
    public var fixingSpread = 4
    /// Seconds left below which a large table's integer week does not start another fixing round.
    public var fixingTimeFloor = 1.0
    /// The shortest time limit of a large table's integer week over some foods.
    public var subPlanTimeFloor = 0.5
    /// A multiple of the bound pass's node budget for a large table's integer week, where its
    /// proven bound over the whole table comes from.
    public var largeTableBoundPassEffort = 8

    /// The master's slack cost per unit, as a multiple of (1 + the dearest pattern): a week that
    /// needs slack is never preferred to one that does not.
    public var masterSlackPenalty = 1000.0
    /// Relative tolerance under which a plan's cost equals its bound (an optimal plan), and
    /// under which a pattern does not improve the master.
    public var optimalityTolerance = 1e-6

    public init() {}

    /// The default budget (effort 1 multiplies nothing).
    public static let standard = SearchBudget()
}
