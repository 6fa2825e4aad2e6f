package linli

// Family is one command family: a feature as residents and staff name it
// (报名, 随手拍, 投票, 通知 …), implemented by one package under handlers/.
// cmd/linli wires a list of families; the engine, the scheduler and `linli
// export` know them only through this interface.
type Family interface {
	// Register adds the family's commands, hooks and intents to r. The
	// families are registered in the order of the list: 帮助 lists their
	// commands in that order, and hooks are tried in it.
	Register(r Router)
	// Jobs registers the family's job kinds on s and schedules the jobs its
	// configuration asks for (the [[notices]] of the notice family). An
	// error stops start-up; it names what is wrong in the configuration.
	Jobs(s Scheduler) error
	// Exports lists the export kinds the family builds (linli export, and
	// its own 导出 commands).
	Exports() []Export
}
