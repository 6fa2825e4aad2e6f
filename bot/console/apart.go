package console

import "time"

// Apart runs fn — something that happens beside the script or the
// terminal, such as an action on the staff workbench — between the
// console's own steps (a line, a clock tick), then prints what it sent,
// as after a line. It must not be called from within a line's handling.
func (c *Console) Apart(fn func()) {
	c.step.Lock()
	defer c.step.Unlock()
	fn()
	c.Settle(max(time.Minute, c.opt.Hold))
}
