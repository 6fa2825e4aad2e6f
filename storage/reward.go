package storage

import (
	"fmt"
	"time"

	"go.etcd.io/bbolt"

	"linli"
)

var _ linli.RedemptionService = (*DB)(nil)

// Rewards (兑换) and redemptions, in buckets of their own. A redemption
// changes the reward's stock, the redemption and the ledger in one
// transaction (db.update: bbolt runs one writer at a time, so the checks
// and the writes cannot interleave with another redemption's).
var (
	bucketRewards     = []byte("rewards")     // itob(id) → Reward
	bucketRedemptions = []byte("redemptions") // itob(id) → Redemption
)

func rewardNotFound(id uint64) error {
	return linli.Errorf(linli.ENotFound, "没有编号为%d的兑换品。发送「兑换」查看可兑换的物品。", id)
}

func redemptionNotFound(id uint64) error {
	return linli.Errorf(linli.ENotFound, "没有编号为%d的兑换记录。", id)
}

// CreateReward stores r with a new id.
func (db *DB) CreateReward(r *linli.Reward) error {
	err := db.update(func(tx *bbolt.Tx) error {
		b, err := writeBucket(tx, bucketRewards)
		if err != nil {
			return err
		}
		if r.ID, err = nextID(b); err != nil {
			return err
		}
		return putJSON(b, itob(r.ID), r)
	})
	if err != nil {
		return fmt.Errorf("storage: create reward: %w", err)
	}
	return nil
}

// RemoveReward takes reward id off the shelf.
func (db *DB) RemoveReward(id uint64, at time.Time) (*linli.Reward, error) {
	return change[linli.Reward]{bucket: bucketRewards, key: itob(id),
		missing: func() error { return rewardNotFound(id) },
		fn: func(_ *bbolt.Tx, r *linli.Reward) error {
			if !r.OnShelf {
				return linli.Errorf(linli.EConflict, "兑换品%d「%s」已经下架了。", r.ID, r.Name)
			}
			r.OnShelf, r.RemovedAt = false, at
			return nil
		}}.commit(db, fmt.Sprintf("remove reward %d", id))
}

// Reward returns reward id.
func (db *DB) Reward(id uint64) (*linli.Reward, error) {
	return getRecord[linli.Reward](db, fmt.Sprintf("reward %d", id), bucketRewards, itob(id),
		func() error { return rewardNotFound(id) })
}

// Rewards lists every reward in id order.
func (db *DB) Rewards() ([]linli.Reward, error) {
	var out []linli.Reward
	err := db.view(func(tx *bbolt.Tx) (err error) {
		out, err = listJSON[linli.Reward](tx.Bucket(bucketRewards))
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("storage: rewards: %w", err)
	}
	return out, nil
}

// Redeem holds the reward's cost from resident's balance and one item from
// its stock, in one transaction.
func (db *DB) Redeem(rewardID uint64, resident, household string, at time.Time) (linli.Redemption, linli.PointsEntry, error) {
	var red linli.Redemption
	var entry linli.PointsEntry
	err := db.update(func(tx *bbolt.Tx) error {
		rewards, err := writeBucket(tx, bucketRewards)
		if err != nil {
			return err
		}
		var r linli.Reward
		found, err := getJSON(rewards, itob(rewardID), &r)
		switch {
		case err != nil:
			return err
		case !found:
			return rewardNotFound(rewardID)
		case !r.OnShelf:
			return linli.Errorf(linli.EConflict, "兑换品%d「%s」已经下架了。发送「兑换」查看可兑换的物品。", r.ID, r.Name)
		case r.Limited && r.Stock <= 0:
			return linli.Errorf(linli.EConflict, "兑换品%d「%s」已经兑完了。发送「兑换」看看别的。", r.ID, r.Name)
		}
		reds, err := writeBucket(tx, bucketRedemptions)
		if err != nil {
			return err
		}
		red = linli.Redemption{RewardID: r.ID, Reward: r.Name, Resident: resident, Household: household,
			Cost: r.Cost, Status: linli.RedemptionHeld, CreatedAt: at}
		if red.ID, err = nextID(reds); err != nil {
			return err
		}
		var added bool
		entry, added, err = addPoints(tx, linli.PointsEntry{Resident: resident, Household: household, Amount: -r.Cost,
			Kind: linli.PointsRedeem, Reason: fmt.Sprintf("兑换「%s」（兑换单%d）", r.Name, red.ID),
			Source: linli.PointsSource(linli.PointsRedeem, red.ID, ""), CreatedAt: at}, 0)
		switch {
		case linli.ErrorCode(err) == linli.EConflict:
			return linli.Errorf(linli.EConflict, "积分不够：兑换「%s」要%d分，您现有%d分。", r.Name, r.Cost, balanceOf(tx, resident))
		case err != nil:
			return err
		case !added:
			return fmt.Errorf("redemption %d: its points were held before", red.ID)
		}
		if r.Limited {
			r.Stock--
		}
		r.Redeemed++
		if err := putJSON(rewards, itob(r.ID), &r); err != nil {
			return err
		}
		return putJSON(reds, itob(red.ID), &red)
	})
	if err != nil {
		if linli.ErrorCode(err) != linli.EInternal {
			return linli.Redemption{}, linli.PointsEntry{}, err
		}
		return linli.Redemption{}, linli.PointsEntry{}, fmt.Errorf("storage: redeem reward %d for %q: %w", rewardID, resident, err)
	}
	return red, entry, nil
}

// balanceOf reads resident's balance inside tx (0 when none).
func balanceOf(tx *bbolt.Tx, resident string) int {
	var bal linli.PointsBalance
	if _, err := getJSON(tx.Bucket(bucketPointsBalances), []byte(resident), &bal); err != nil {
		return 0
	}
	return bal.Balance
}

// CloseRedemption confirms or cancels held redemption id.
func (db *DB) CloseRedemption(id uint64, confirm bool, by string, at time.Time) (linli.Redemption, error) {
	var red linli.Redemption
	err := db.update(func(tx *bbolt.Tx) error {
		reds, err := writeBucket(tx, bucketRedemptions)
		if err != nil {
			return err
		}
		found, err := getJSON(reds, itob(id), &red)
		switch {
		case err != nil:
			return err
		case !found:
			return redemptionNotFound(id)
		case red.Status == linli.RedemptionConfirmed:
			return linli.Errorf(linli.EConflict, "兑换单%d（%s 兑换「%s」）已经确认领取过了。", id, red.Resident, red.Reward)
		case red.Status == linli.RedemptionCancelled:
			return linli.Errorf(linli.EConflict, "兑换单%d（%s 兑换「%s」）已经取消了，积分已退回。", id, red.Resident, red.Reward)
		}
		red.ClosedAt, red.ClosedBy = at, by
		if confirm {
			red.Status = linli.RedemptionConfirmed
			return putJSON(reds, itob(id), &red)
		}
		red.Status = linli.RedemptionCancelled
		if _, _, err := addPoints(tx, linli.PointsEntry{Resident: red.Resident, Household: red.Household, Amount: red.Cost,
			Kind: linli.PointsRefund, Reason: fmt.Sprintf("取消兑换「%s」，退回积分（兑换单%d）", red.Reward, red.ID),
			Source: linli.PointsSource(linli.PointsRefund, red.ID, ""), By: by, CreatedAt: at}, 0); err != nil {
			return err
		}
		rewards, err := writeBucket(tx, bucketRewards)
		if err != nil {
			return err
		}
		var r linli.Reward
		if found, err := getJSON(rewards, itob(red.RewardID), &r); err != nil || !found {
			return fmt.Errorf("reward %d of redemption %d: found %v, %v", red.RewardID, id, found, err)
		}
		if r.Limited {
			r.Stock++
		}
		r.Redeemed--
		if err := putJSON(rewards, itob(r.ID), &r); err != nil {
			return err
		}
		return putJSON(reds, itob(id), &red)
	})
	if err != nil {
		if linli.ErrorCode(err) != linli.EInternal {
			return linli.Redemption{}, err
		}
		return linli.Redemption{}, fmt.Errorf("storage: close redemption %d: %w", id, err)
	}
	return red, nil
}

// Redemption returns redemption id.
func (db *DB) Redemption(id uint64) (*linli.Redemption, error) {
	return getRecord[linli.Redemption](db, fmt.Sprintf("redemption %d", id), bucketRedemptions, itob(id),
		func() error { return redemptionNotFound(id) })
}

// Redemptions lists every redemption in id order.
func (db *DB) Redemptions() ([]linli.Redemption, error) {
	var out []linli.Redemption
	err := db.view(func(tx *bbolt.Tx) (err error) {
		out, err = listJSON[linli.Redemption](tx.Bucket(bucketRedemptions))
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("storage: redemptions: %w", err)
	}
	return out, nil
}
