-- insight: a company's model may now be gradient-boosted trees as well as a logistic regression, whichever scored
-- the company's own outcomes better in cross-validation; either is calibrated (Platt scaling). `brier` and `auc` are
-- now measured out of fold (on leads the model had not seen), and the other candidate's Brier score is kept.
alter table insight.score_model
    add column kind        text             not null default 'LOGISTIC' check (kind in ('LOGISTIC', 'BOOSTED')),
    add column trees       text,
    add column platt_a     double precision not null default 1,
    add column platt_b     double precision not null default 0,
    add column folds       int              not null default 0,
    add column rival       text,
    add column rival_brier double precision;
