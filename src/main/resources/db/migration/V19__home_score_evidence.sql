-- insight.home_score keeps as columns only what queries filter and sort on; the rest of the evidence behind a score
-- (year built, hail distance and count, wind, radar, roof source and confidence, neighbours, wave, area claims,
-- engagement) is packed into one bytea (see Evidence.java): a million-home write or read sends 19 values a row, not
-- 36. Scores are derived data: the stored ones are dropped here and every company with homes is analysed again when
-- the app starts (InsightJobs schedules a full pass for any company whose scores are missing).
truncate insight.home_score;
alter table insight.home_score
    drop column year_built,
    drop column hail_mi,
    drop column hail_reports,
    drop column wind_kt,
    drop column wind_on,
    drop column wind_mi,
    drop column tornado,
    drop column radar_detections,
    drop column radar_on,
    drop column roof_source,
    drop column roof_confidence,
    drop column roof_evidence,
    drop column neighbours_reroofed,
    drop column wave_size,
    drop column wave_since,
    drop column zip_claims,
    drop column engagement,
    drop column engaged_on,
    add column evidence bytea not null;
