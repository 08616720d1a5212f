-- Sequence steps can branch on the lead's claim record: approved, or denied.
alter table sequences.step drop constraint step_condition_check;
alter table sequences.step add constraint step_condition_check
    check (condition in ('ALWAYS', 'PREVIOUS_EMAIL_OPENED', 'PREVIOUS_EMAIL_NOT_OPENED', 'PREVIOUS_EMAIL_CLICKED',
                         'PREVIOUS_NOT_DELIVERED', 'SCORE_AT_LEAST', 'SCORE_BELOW', 'STAGE_AT_LEAST', 'CLAIM_FILED',
                         'CLAIM_NOT_FILED', 'CLAIM_APPROVED', 'CLAIM_DENIED'));
