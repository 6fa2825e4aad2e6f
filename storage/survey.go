package storage

import (
	"errors"
	"fmt"
	"time"

	"go.etcd.io/bbolt"

	"linli"
)

var _ linli.SurveyService = (*DB)(nil)

// Surveys and their answer sets, in buckets of their own.
var (
	bucketSurveys       = []byte("surveys")        // itob(id) → Survey
	bucketSurveyAnswers = []byte("survey_answers") // itob(id) resident → SurveyAnswer
)

func surveyNotFound(id uint64) error {
	return linli.Errorf(linli.ENotFound, "没有编号为%d的问卷。", id)
}

// CreateSurvey stores s with a new id.
func (db *DB) CreateSurvey(s *linli.Survey) error {
	err := db.update(func(tx *bbolt.Tx) error {
		b, err := writeBucket(tx, bucketSurveys)
		if err != nil {
			return err
		}
		if s.ID, err = nextID(b); err != nil {
			return err
		}
		return putJSON(b, itob(s.ID), s)
	})
	if err != nil {
		return fmt.Errorf("storage: create survey: %w", err)
	}
	return nil
}

// Survey returns survey id.
func (db *DB) Survey(id uint64) (*linli.Survey, error) {
	return getRecord[linli.Survey](db, fmt.Sprintf("survey %d", id), bucketSurveys, itob(id),
		func() error { return surveyNotFound(id) })
}

// Surveys lists every survey in id order.
func (db *DB) Surveys() ([]linli.Survey, error) {
	var out []linli.Survey
	err := db.view(func(tx *bbolt.Tx) (err error) {
		out, err = listJSON[linli.Survey](tx.Bucket(bucketSurveys))
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("storage: surveys: %w", err)
	}
	return out, nil
}

// CloseSurvey closes survey id once.
func (db *DB) CloseSurvey(id uint64, at time.Time) (*linli.Survey, bool, error) {
	first := false
	s, err := change[linli.Survey]{bucket: bucketSurveys, key: itob(id),
		missing: func() error { return surveyNotFound(id) },
		fn: func(_ *bbolt.Tx, s *linli.Survey) error {
			if s.Status == linli.SurveyClosed {
				return errUnchanged
			}
			s.Status, s.ClosedAt, first = linli.SurveyClosed, at, true
			return nil
		}}.commit(db, fmt.Sprintf("close survey %d", id))
	return s, first, err
}

// UpdateSurveyAnswer changes resident's answer set of survey id in one
// transaction with the survey's state.
func (db *DB) UpdateSurveyAnswer(id uint64, resident string, fn func(s *linli.Survey, a *linli.SurveyAnswer) error) (before, after *linli.SurveyAnswer, err error) {
	err = db.update(func(tx *bbolt.Tx) error {
		var s linli.Survey
		found, err := getJSON(tx.Bucket(bucketSurveys), itob(id), &s)
		switch {
		case err != nil:
			return err
		case !found:
			return surveyNotFound(id)
		}
		b, err := writeBucket(tx, bucketSurveyAnswers)
		if err != nil {
			return err
		}
		key := signupKey(id, resident)
		a := linli.SurveyAnswer{SurveyID: id, Resident: resident}
		had, err := getJSON(b, key, &a)
		if err != nil {
			return err
		}
		if had {
			old := a
			old.Answers = append([][]string(nil), a.Answers...)
			before = &old
		}
		if err := fn(&s, &a); err != nil {
			return callerErr(err)
		}
		after = &a
		return putJSON(b, key, &a)
	})
	var ce callerError
	switch {
	case err == nil:
		return before, after, nil
	case errors.As(err, &ce):
		return nil, nil, ce.err
	case linli.ErrorCode(err) != linli.EInternal:
		return nil, nil, err
	}
	return nil, nil, fmt.Errorf("storage: answer survey %d: %w", id, err)
}

// SurveyAnswers lists the answer sets of survey id.
func (db *DB) SurveyAnswers(id uint64) ([]linli.SurveyAnswer, error) {
	var out []linli.SurveyAnswer
	err := db.view(func(tx *bbolt.Tx) error {
		b := tx.Bucket(bucketSurveyAnswers)
		if b == nil {
			return nil
		}
		c := b.Cursor()
		for k, _ := c.Seek(itob(id)); k != nil && len(k) >= 8 && btoi(k[:8]) == id; k, _ = c.Next() {
			var a linli.SurveyAnswer
			if _, err := getJSON(b, k, &a); err != nil {
				return err
			}
			out = append(out, a)
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("storage: answers of survey %d: %w", id, err)
	}
	return out, nil
}
