import GLPK
import LinearProgramming
import Testing
import Foundation

@Test func scratch() throws {
    var options = SolveOptions()
    options.timeLimit = 0.5
    let s = try GLPKSolver().solve(Fixtures.jeroslow(61), options: options)
    print("JEROSLOW", s.status, s.bestBound as Any, s.statistics)
    var o2 = SolveOptions(); o2.relativeGap = 0.25
    let g = try GLPKSolver().solve(MIPSearchOptionTests.knapsack.model, options: o2)
    print("GAP", g.status, g.objectiveValue as Any, g.bestBound as Any, MIPSearchOptionTests.optimum, g.statistics)
    let full = try GLPKSolver().solve(MIPSearchOptionTests.knapsack.model)
    print("FULL", full.statistics)
    print(try ModelExport.string(Fixtures.textbook().model, format: .mps))
    print(try ModelExport.string(Fixtures.textbook().model, format: .lp))
}
