-- insight: the scoring model a company's own won and lost leads trained (logistic regression over the prior
-- model's factors, each scaled to 0..1), with how well it fits them.
create table insight.score_model (
    tenant_id  uuid               not null primary key,
    name       text               not null,
    trained_at timestamptz        not null,
    outcomes   int                not null,
    won        int                not null,
    bias       double precision   not null,
    weights    double precision[] not null,
    brier      double precision   not null,
    auc        double precision   not null
);
