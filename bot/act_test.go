package bot_test

import (
	"context"
	"slices"
	"testing"

	"linli"
)

// Act runs a command as the caller says the sender is (the workbench's
// verified session): the role is the one given, not the name's; what the
// handler answers the sender comes back instead of being sent; what it
// sends anyone else goes through the outbox.
func TestActAsVerifiedRole(t *testing.T) {
	h := newHarness(t, nil)
	var seen []linli.Role
	h.engine.Router().Command(linli.Command{Names: []string{"受理"}, Role: linli.RoleGridWorker, Args: linli.ArgsRequired,
		Handler: func(ctx context.Context, req *linli.Request) error {
			seen = append(seen, req.Msg.Role)
			if err := req.Out.Send(linli.Outgoing{To: linli.Chat{User: "张阿姨"}, Text: "您的随手拍" + req.Args + "已受理"}); err != nil {
				return err
			}
			return req.Reply("已受理 " + req.Args)
		}})

	out, err := h.engine.Act(context.Background(), linli.Message{Sender: "王网格", Text: "受理 1", Group: "幸福里1期居民群"}, linli.RoleGridWorker)
	if err != nil || len(out) != 1 || out[0].Text != "已受理 1" {
		t.Fatalf("Act: %v %+v, want the reply returned", err, out)
	}
	h.flush()
	if got := h.plat.texts(); !slices.Equal(got, []string{"[私聊 张阿姨] 您的随手拍1已受理"}) {
		t.Errorf("sent %q, want only the resident's notice (the reply is returned, not sent)", got)
	}

	// The given role decides: a resident's role is refused by the router
	// whatever the name.
	_, err = h.engine.Act(context.Background(), linli.Message{Sender: "王网格", Text: "受理 2"}, linli.RoleResident)
	if linli.ErrorCode(err) != linli.EForbidden {
		t.Errorf("Act as a resident: %v, want EForbidden", err)
	}
	if !slices.Equal(seen, []linli.Role{linli.RoleGridWorker}) {
		t.Errorf("the handler saw roles %v", seen)
	}
}
