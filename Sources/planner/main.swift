import PlannerCLI

PlannerMain.main()
