package linli

// Lexicon is what linli knows of the words residents use, asked by the
// engine and the command families: every word list that decides what a
// message means (yes, thanks, emergency, "still broken", places, party
// sizes, fillers around a vote) lives behind it, in package nlu, so that the
// words are tuned in one place and the handlers keep none. The command
// grammar (command words, field labels such as 时间:, numbers) stays with
// the families.
//
// nlu.Words() implements it without loading the segmenter. Implementations
// must be safe for concurrent use. Texts are normalised (textnorm).
type Lexicon interface {
	// Classifier is the fallback report classifier: a keyword table, used
	// when no segmenter-based Classifier is wired. Keywords are the object
	// words found ("路灯"), used to match duplicates.
	Classifier

	// Yes reports whether text is a plain yes to the bot's question ("是",
	// "好的", "可以").
	Yes(text string) bool
	// No reports whether text is a plain no to the bot's question ("不用了",
	// "算了", "别登记"): it withdraws an offer.
	No(text string) bool
	// Ack reports whether text is a short acknowledgement that deserves no
	// answer even when addressed to the bot ("收到", "谢谢", "1").
	Ack(text string) bool
	// Chatter reports whether the words after a command word read as a
	// remark or question ("报名了吗", "报名的人好多") rather than arguments.
	Chatter(args string) bool
	// AboutCommand reports whether the words glued to a command word make it
	// talk about the command rather than use it ("随手拍" + "是什么", "真方便").
	AboutCommand(rest string) bool
	// Polite reports whether one word after a command's arguments is thanks
	// or a filler ("谢谢社工", "哈哈", "[玫瑰]"), not a question.
	Polite(word string) bool

	// Emergency returns the kind of danger to someone now that text tells
	// of (EmergencyMedical: a person collapsed; EmergencyTrapped: people
	// stuck in a lift; fire, gas, a fight, drowning), "" when none: negated,
	// past, over, figurative and hypothetical mentions are not emergencies.
	Emergency(text string) string
	// SelfHarm reports whether text tells of someone about to jump or take
	// their own life now (then 110 is called as well as 120); only true of
	// a medical emergency.
	SelfHarm(text string) bool
	// Settled reports whether text speaks of a problem already fixed or in
	// the past ("上次反映的事修好了"), not one to report now.
	Settled(text string) bool
	// StillBroken reports whether text says a fixed problem is back
	// ("还是不亮", "又坏了").
	StillBroken(text string) bool
	// Place finds where text says a problem is: a building ("3号楼门口" →
	// "3栋", 3), a building and unit ("3栋2单元"), or a landmark ("东门",
	// building 0); "" when it names none.
	Place(text string) (place string, building int)
	// BarePlace reports whether text says nothing but where ("在5号楼",
	// "就是3栋2单元那边", "东门").
	BarePlace(text string) bool
	// SaysProblem reports whether a report description says what the
	// problem is once places and fillers ("一下", "这个") are taken out:
	// "随手拍 3号楼" says nothing a worker could act on.
	SaysProblem(desc string) bool
	// SameProblem reports whether two reports' keywords share one that says
	// what the problem is, not where or when ("灯" and "路灯" do).
	SameProblem(a, b []string) bool

	// Party finds the party-size words in s ("+1", "加一", "2人", "我和老伴",
	// "带两个孩子"). It returns s with them blanked out, the number of family
	// members (extra, -1 when s says nothing about it) and ok false for a
	// count that makes no sense (below zero, zero people, more than
	// MaxExtraPeople family members). A total ("2人") wins over additions;
	// additions add up.
	Party(s string) (rest string, extra int, ok bool)
	// PartyCut splits an activity title followed by party words
	// ("健康讲座我和老伴") where the party words begin.
	PartyCut(s string) (title, party string)
	// PartyLess reads how many people a cancellation takes off a party
	// ("+1", "1人", "一位", "减1", "-1"); ok is false for anything else.
	PartyLess(s string) (n int, ok bool)

	// BallotReplace reports whether a ballot word asks to replace another
	// household member's vote ("改", "确认").
	BallotReplace(word string) bool
	// BallotBare strips the fillers around a choice ("我选2" → "2", "同意了"
	// → "同意").
	BallotBare(word string) string
	// BallotAck reports whether a remark after a choice says nothing to keep
	// ("谢谢", "好的", "OK"); trailing punctuation is already trimmed.
	BallotAck(remark string) bool
}

// Emergency kinds, as Lexicon.Emergency and Understanding.Emergency name
// them; each has its own numbers to call.
const (
	EmergencyMedical  = "医疗" // a person collapsed, unconscious, bleeding, about to fall
	EmergencyFire     = "火灾" // fire, smoke, burning smell, sparks
	EmergencyGas      = "燃气" // gas smell, leak
	EmergencyTrapped  = "被困" // people trapped, in a lift above all
	EmergencyViolence = "治安" // fights, knives, break-ins
	EmergencyDrowning = "溺水" // someone in the water
	EmergencyHelp     = "求助" // a call for help (救命, 快来人) that names no danger
)
