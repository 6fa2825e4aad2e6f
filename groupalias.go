package linli

// Groups are identified by their configured names (DESIGN.md "Identity").
// WeChat has no stable group id, so when residents rename a group the bot
// no longer recognises it; staff re-bind it by sending CommandBindGroup and
// the configured name inside the renamed group. From then on the group's
// current topic is an alias of the configured name: inbound messages from
// the topic are handled as from the configured group, and messages to the
// configured group are delivered to the topic.

// CommandBindGroup is the command word that re-binds a renamed group. The
// engine recognises it from a staff member even in a group it does not
// serve (which a renamed group is, until it is bound).
const CommandBindGroup = "绑定群"

// GroupAliasStore keeps the current platform topics of renamed groups. A
// configured name has at most one topic, and a topic stands for at most one
// configured name.
type GroupAliasStore interface {
	// GroupAliases returns every alias: topic (the group's name as the
	// platform shows it now) → configured name.
	GroupAliases() (map[string]string, error)
	// SetGroupAlias makes topic the current name of the configured group,
	// replacing the configured group's previous topic and whatever topic
	// stood for before. topic == configured removes the configured group's
	// alias (the group got its configured name back).
	SetGroupAlias(topic, configured string) error
}
