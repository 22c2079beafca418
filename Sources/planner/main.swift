import PlannerCLI

PlannerCommand.main()
